"""Views of stories: the public list, a story's page, the open form with the double
opt-in, reports, and the coordination's intake and moderation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core import ratelimit
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.participation.views.public import photo_limited, reporter_key
from quartier.stories import services
from quartier.stories.forms import (
    IntakeForm,
    LinkForm,
    LinkStoryForm,
    ReportForm,
    StoryForm,
)
from quartier.stories.models import Moderation, Story

PAGE_SIZE = 20
QUEUE_LIMIT = 100


def _list_url(request: HttpRequest) -> str:
    return reverse(
        "stories:list", kwargs={"municipality_slug": request.municipality.slug}
    )


def _stories() -> Any:
    return Story.objects.select_related(
        "municipality", "neighborhood", "author", "actor"
    )


@require_GET
def story_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    neighborhoods = list(Neighborhood.objects.of(municipality))
    stories = _stories().of(municipality).public().defer("text")
    chosen = request.GET.get("neighborhood", "")
    if chosen:
        stories = stories.filter(neighborhood__slug=chosen)
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "neighborhoods": neighborhoods,
        "chosen": chosen,
        "query": f"neighborhood={chosen}" if chosen else "",
    }
    return render(request, "stories/story_list.html", context)


@require_GET
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_for(request, _stories(), pk=pk)
    context = {
        "story": story,
        "may_moderate": request.user.has_perm("stories.moderate_story", story),
        "selections": story.selections.select_related("domain__round"),
    }
    return render(request, "stories/story_detail.html", context)


def _limits_refuse(request: HttpRequest, form: StoryForm) -> int:
    """participation's spam checks before anything is written: 0 when the story may
    be created, else the status of the page shown again with the error."""
    if not form.claim_started_token():
        form.add_error(
            None,
            _(
                "This form has already been sent. Please check your entries and send it again."
            ),
        )
        return 200
    email = form.cleaned_data.get("author_email") or ""
    limited = not ratelimit.allow_anonymous(
        request, "stories.story", limit=settings.PARTICIPATION_RATE_LIMIT_IP
    ) or (
        email
        and not ratelimit.hit(
            "participation.email",
            email.lower(),
            limit=settings.PARTICIPATION_RATE_LIMIT_EMAIL,
            period=3600,
        )
    )
    if limited or photo_limited(request, form):
        form.add_error(
            None,
            _(
                "Too many stories were sent from here in a short time. "
                "Please try again in an hour."
            ),
        )
        return 429
    return 0


def story_new(request: HttpRequest) -> HttpResponse:
    require(request, "stories.add_story")
    municipality = request.municipality
    post = request.method == "POST"
    form = StoryForm(
        request.POST if post else None,
        request.FILES if post else None,
        municipality=municipality,
        user=request.user,
    )
    status = 200
    if post:
        if form.is_spam:
            messages.success(request, _("Thank you! Your story has been received."))
            return redirect(_list_url(request))
        if form.is_valid():
            refused = _limits_refuse(request, form)
            if refused:
                status = refused
            else:
                try:
                    story = services.story_create(
                        by=request.user,
                        municipality=municipality,
                        **form.service_kwargs(),
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    return _after_create(request, story)
    return render(request, "stories/story_form.html", {"form": form}, status=status)


def _after_create(request: HttpRequest, story: Story) -> HttpResponse:
    if story.author_email and not story.author_id:
        messages.info(
            request,
            _(
                "We have sent you an e-mail. Please confirm your address with the "
                "link in it, so that we can tell you when a panel selects your story."
            ),
        )
    if story.is_public:
        messages.success(request, _("Thank you! Your story has been published."))
        return redirect(story)
    messages.success(
        request,
        _("Thank you! Your story will appear once the coordination has checked it."),
    )
    return redirect(_list_url(request))


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the double opt-in: a page with one button (a link scanner that
    only fetches the page confirms nothing)."""
    require(request, "core.view_municipality")
    if request.method == "POST":
        try:
            story = services.story_confirm_email(token=token)
        except ValidationError:
            return render(
                request, "stories/confirm.html", {"invalid": True}, status=400
            )
        if story.municipality_id != request.municipality.pk:
            raise PermissionDenied
        messages.success(
            request, _("Thank you! We will tell you when a panel selects your story.")
        )
        return redirect(_list_url(request))
    invalid = services.read_confirm_token(token, kinds=(services.TOKEN_KIND,)) is None
    return render(request, "stories/confirm.html", {"invalid": invalid})


def story_report(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_for(request, _stories(), "stories.report_story", pk=pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow_anonymous(request, "participation.report", limit=20):
            form.add_error(
                None, _("Too many requests from here. Please try again later.")
            )
            status = 429
        else:
            try:
                services.story_report(
                    by=request.user,
                    story=story,
                    reporter_key=reporter_key(request),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                messages.info(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, _("Thank you. The coordination will look at it.")
                )
            return redirect(_list_url(request))
    context = {"story": story, "form": form}
    return render(request, "stories/report_form.html", context, status=status)


def intake(request: HttpRequest) -> HttpResponse:
    require(request, "stories.intake_story")
    post = request.method == "POST"
    form = IntakeForm(
        request.POST if post else None,
        request.FILES if post else None,
        municipality=request.municipality,
    )
    if post and form.is_valid():
        try:
            story = services.story_create(
                by=request.user,
                municipality=request.municipality,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The story has been entered."))
            return redirect(story)
    return render(request, "stories/intake_form.html", {"form": form})


@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    require(request, "stories.view_moderation")
    stories = _stories().of(request.municipality).defer("text")
    context = {
        "pending": stories.filter(moderation=Moderation.PENDING)[:QUEUE_LIMIT],
        "reported": stories.filter(is_hidden=True).exclude(
            moderation=Moderation.REJECTED
        )[:QUEUE_LIMIT],
    }
    return render(request, "stories/moderation.html", context)


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_for(request, _stories(), "stories.moderate_story", pk=pk)
    try:
        services.story_moderate(
            by=request.user, story=story, action=request.POST.get("action", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%s” has been moderated.") % story.title)
    return redirect(
        reverse(
            "stories:moderation",
            kwargs={"municipality_slug": request.municipality.slug},
        )
    )


def link(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_for(request, _stories(), "stories.link_story", pk=pk)
    post = request.method == "POST"
    initial = {
        "meeting": story.meetings.first(),
        "initiatives": list(story.initiatives.all()),
    }
    form = LinkForm(
        request.POST if post else None,
        initial=initial,
        user=request.user,
        municipality=request.municipality,
    )
    if post and form.is_valid():
        try:
            services.story_link(
                by=request.user,
                story=story,
                meeting=form.cleaned_data["meeting"],
                initiatives=form.cleaned_data["initiatives"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link has been saved."))
            return redirect(story)
    return render(request, "stories/link_form.html", {"story": story, "form": form})


def link_initiative(request: HttpRequest, pk: int) -> HttpResponse:
    """The initiative's side of the link kind stories.story_initiative: the
    coordination picks a story to link. The initiative comes through the gate (404
    for another municipality's or an unseen one); the service checks both ends."""
    from quartier.initiatives.models import Initiative

    require(request, "stories.intake_story")
    initiative = get_object_for(
        request, Initiative.objects.select_related("municipality"), pk=pk
    )
    stories = (
        _stories()
        .of(request.municipality)
        .exclude(initiatives=initiative)
        .defer("text")
        .order_by("-created_at", "-pk")
    )
    form = LinkStoryForm(request.POST or None, stories=stories)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_initiative_add(
                by=request.user,
                story=form.cleaned_data["story"],
                initiative=initiative,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link has been saved."))
            return redirect(initiative)
    context = {"initiative": initiative, "form": form}
    return render(request, "stories/link_initiative_form.html", context)

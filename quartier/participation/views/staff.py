"""Views for coordinators: intake of paper/phone/street contributions, the moderation
queue with the "waiting too long" list, status and answers, links to forums, topics."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.participation import services
from quartier.participation.forms import (
    DecisionSearchForm,
    EventWindowForm,
    IntakeForm,
    LayersForm,
    LinkForm,
    RespondForm,
    TopicForm,
)
from quartier.participation.models import (
    Comment,
    Contribution,
    EventWindow,
    Moderation,
    Topic,
)
from quartier.participation.views.public import _contributions, photo_limited

QUEUE_LIMIT = 100


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return fallback


def intake(request: HttpRequest) -> HttpResponse:
    require(request, "participation.intake_contribution")
    municipality = request.municipality
    post = request.method == "POST"
    form = IntakeForm(
        request.POST if post else None,
        request.FILES if post else None,
        municipality=municipality,
    )
    status = 200
    if post and form.is_valid() and photo_limited(request, form):
        form.add_error(
            "photo", _("Too many photos in a short time. Please try again later.")
        )
        status = 429
    elif post and form.is_valid():
        try:
            contribution = services.contribution_create(
                by=request.user, municipality=municipality, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The contribution has been recorded."))
            return redirect(contribution)
    return render(
        request, "participation/intake_form.html", {"form": form}, status=status
    )


def moderation(request: HttpRequest) -> HttpResponse:
    require(request, "participation.view_moderation")
    municipality = request.municipality
    contributions = Contribution.objects.of(municipality).select_related("neighborhood")
    comments = Comment.objects.of(municipality).select_related("contribution", "author")
    context = {
        "pending": contributions.filter(moderation=Moderation.PENDING)[:QUEUE_LIMIT],
        "reported": contributions.filter(is_hidden=True).exclude(
            moderation=Moderation.REJECTED
        )[:QUEUE_LIMIT],
        "pending_comments": comments.filter(moderation=Moderation.PENDING)[
            :QUEUE_LIMIT
        ],
        "reported_comments": comments.filter(is_hidden=True).exclude(
            moderation=Moderation.REJECTED
        )[:QUEUE_LIMIT],
        "waiting": services.waiting_too_long(municipality).select_related(
            "neighborhood"
        )[:QUEUE_LIMIT],
        "response_days": municipality.response_days,
    }
    context["reported_comments_count"] = len(context["reported_comments"])
    return render(request, "participation/moderation.html", context)


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(
        request, _contributions(), "participation.moderate_contribution", pk=pk
    )
    try:
        services.contribution_moderate(
            by=request.user,
            contribution=contribution,
            action=request.POST.get("action", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%s” has been moderated.") % contribution.title)
    return redirect(_back(request, contribution.get_absolute_url()))


@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_for(
        request,
        Comment.objects.select_related("contribution__municipality"),
        "participation.moderate_comment",
        pk=pk,
    )
    try:
        services.comment_moderate(
            by=request.user, comment=comment, action=request.POST.get("action", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The comment has been moderated."))
    return redirect(
        _back(request, comment.contribution.get_absolute_url() + "#comments")
    )


def respond(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(
        request, _contributions(), "participation.respond_contribution", pk=pk
    )
    post = request.method == "POST"
    form = RespondForm(
        request.POST if post else None, initial={"status": contribution.status}
    )
    if post and form.is_valid():
        try:
            services.contribution_respond(
                by=request.user, contribution=contribution, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # Only say someone was told when a mail went out (the service mails
            # the account or a confirmed address, nobody else).
            if contribution.notify_address:
                messages.success(request, _("Saved. The author has been informed."))
            else:
                messages.success(
                    request,
                    _(
                        "Saved. Nobody was informed by e-mail: the author gave no "
                        "confirmed address."
                    ),
                )
            return redirect(contribution)
    context = {"contribution": contribution, "form": form}
    return render(request, "participation/respond_form.html", context)


def link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the contribution to an agenda item and a decision. The decision is
    found with a search (a GET form, matched on the server); the link form keeps
    the search in its address, so a form with errors offers the same matches."""
    contribution = get_object_for(
        request, _contributions(), "participation.link_contribution", pk=pk
    )
    post = request.method == "POST"
    search = DecisionSearchForm(request.GET if "q" in request.GET else None)
    form = LinkForm(
        request.POST if post else None,
        contribution=contribution,
        user=request.user,
        search=search.text,
        initial={
            "agenda_item": contribution.agenda_item_id,
            "decision": contribution.decision_id,
        },
    )
    if post and form.is_valid():
        try:
            services.contribution_link(
                by=request.user, contribution=contribution, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The links have been saved."))
            return redirect(contribution)
    context = {"contribution": contribution, "form": form, "search": search}
    return render(request, "participation/link_form.html", context)


@require_POST
def layers(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(
        request, _contributions(), "participation.tag_layers", pk=pk
    )
    form = LayersForm(request.POST, municipality=request.municipality)
    if form.is_valid():
        try:
            services.contribution_tag_layers(
                by=request.user,
                contribution=contribution,
                layers=form.cleaned_data["layers"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The layers have been saved."))
    else:
        messages.error(request, _("Please choose layers of the model."))
    return redirect(contribution)


def topics(request: HttpRequest) -> HttpResponse:
    require(request, "participation.manage_topics")
    municipality = request.municipality
    form = TopicForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_add(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The topic “%s” has been added.") % topic)
            return redirect("participation:topics", municipality_slug=municipality.slug)
    context = {"form": form, "topics": Topic.objects.of(municipality)}
    return render(request, "participation/topics.html", context)


def event_windows(request: HttpRequest) -> HttpResponse:
    """Event windows: a workshop on one Wi-Fi can post more than the usual limit
    per address while its window runs, with its code."""
    require(request, "participation.manage_event_windows")
    municipality = request.municipality
    form = EventWindowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            window = services.event_window_create(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The event window “%s” has been opened.") % window.name
            )
            return redirect(
                "participation:event_windows", municipality_slug=municipality.slug
            )
    now = timezone.now()
    windows = EventWindow.objects.of(municipality).filter(
        ends_at__gt=now - datetime.timedelta(days=30)
    )[:QUEUE_LIMIT]
    form_url = reverse(
        "participation:new", kwargs={"municipality_slug": municipality.slug}
    )
    context = {"form": form, "windows": windows, "now": now, "form_url": form_url}
    return render(request, "participation/event_windows.html", context)

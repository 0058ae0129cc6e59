"""Views for everybody: the list with map, the open form, a contribution's page,
support, comments, reports and the confirmation link of the double opt-in."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from quartier.core import ratelimit
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import COUNT_LIMIT, Key, keyset_page
from quartier.core.predicates import is_coordinator
from quartier.core.row_urls import url_maker
from quartier.core.word_search import every_word
from quartier.participation import services
from quartier.participation.forms import (
    CommentForm,
    ContributionForm,
    FilterForm,
    LayersForm,
    ReportForm,
    RespondForm,
    SupportForm,
)
from quartier.participation.models import (
    Comment,
    Contribution,
    ContributionTopic,
    Kind,
    Layer,
    Status,
    Support,
)

PAGE_SIZE = 20
# The count of a filtered or searched list stops here ("more than 100").
FILTERED_COUNT_LIMIT = 100
FILTERS = ("q", "kind", "status", "neighborhood", "topic")


def reporter_key(request: HttpRequest) -> str:
    """A guest's address, hashed with the secret key: enough to count one report
    per address, useless for finding the person."""
    raw = f"{settings.SECRET_KEY}:{ratelimit.client_ip(request)}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _filtered(request: HttpRequest) -> tuple[FilterForm, QuerySet[Contribution]]:
    municipality = request.municipality
    form = FilterForm(request.GET or None, municipality=municipality)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    contributions = Contribution.objects.of(municipality).public()
    for name in ("kind", "status", "neighborhood"):
        if filters.get(name):
            contributions = contributions.filter(**{name: filters[name]})
    if filters.get("topic"):
        contributions = contributions.filter(topics=filters["topic"])
    contributions = every_word(contributions, filters.get("q"), "title", "text")
    return form, contributions


# The list's orders (FilterForm's `sort`; `support_count` is the stored counter of
# participation/counters.py), each ending with the unique id as tiebreak,
# for keyset pagination (quartier/core/pagination.py): page 500 costs what page 1 costs.
ORDERS = {
    "newest": (Key("created_at"), Key("id")),
    "supported": (Key("support_count"), Key("created_at"), Key("id")),
    "answered": (Key("answered_at", nulls_last=True), Key("created_at"), Key("id")),
}


# What the list's rows, its map and its keyset cursors read: a model instance of
# all 27 columns and the neighbourhood's 7 cost more to build than to fetch.
LIST_FIELDS = (
    "kind",
    "title",
    "status",
    "latitude",
    "longitude",
    "created_at",
    "answered_at",
    "support_count",
    "comment_count",
    "neighborhood__name",
)


def list_keys(form: FilterForm) -> tuple[Key, ...]:
    sort = getattr(form, "cleaned_data", {}).get("sort") or "newest"
    return ORDERS.get(sort, ORDERS["newest"])


def detail_urls(contributions: Any, municipality: Any) -> None:
    """Set `url` on each contribution: one `reverse` for the page instead of one per
    row (the list's links and its map's features use it)."""
    url = url_maker("participation:detail", municipality)
    for c in contributions:
        c.url = url(c.pk)


def list_rows(contributions: list[Contribution], municipality: Any) -> None:
    """What each row of the list shows, prepared in Python: `url`, `line` (kind,
    neighbourhood, date), `status_label`, `badge`, `counts`, `answered` and
    `topic_names`. A row written with template lookups, filters and counted
    translations cost more than its share of the SQL (issue 19: a filtered list
    of 20 rows took half again the time of one with 5)."""
    from django.utils import timezone
    from django.utils.formats import date_format

    detail_urls(contributions, municipality)
    kinds = {value: str(label) for value, label in Kind.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    badges = {Status.IMPLEMENTED: "success", Status.NOT_FEASIBLE: "warning"}
    topics = topic_names([c.pk for c in contributions])
    for c in contributions:
        day = date_format(timezone.localtime(c.created_at), "SHORT_DATE_FORMAT")
        hood = c.neighborhood.name if c.neighborhood_id else ""
        c.kind_label = kinds.get(c.kind, c.kind)  # type: ignore[attr-defined]
        c.line = f"{c.kind_label} · {hood} · {day}"  # type: ignore[attr-defined]
        c.status_label = statuses.get(c.status, c.status)  # type: ignore[attr-defined]
        c.badge = badges.get(c.status, "info")  # type: ignore[attr-defined]
        supports = ngettext(
            "%(counter)s supporter", "%(counter)s supporters", c.support_count
        ) % {"counter": c.support_count}
        comments = ngettext(
            "%(counter)s comment", "%(counter)s comments", c.comment_count
        ) % {"counter": c.comment_count}
        c.counts = f"{supports} · {comments}"  # type: ignore[attr-defined]
        c.answered = (  # type: ignore[attr-defined]
            date_format(timezone.localtime(c.answered_at), "SHORT_DATE_FORMAT")
            if c.answered_at
            else ""
        )
        c.topic_names = ", ".join(topics.get(c.pk, ()))  # type: ignore[attr-defined]


def topic_names(ids: list[int]) -> dict[int, list[str]]:
    """The topics' names of each contribution in `ids`, in the topics' order, in
    one query: no related manager and queryset per row as prefetch_related makes."""
    names: dict[int, list[str]] = {}
    rows = (
        ContributionTopic.objects.filter(contribution_id__in=ids)
        .order_by("topic__layer", "topic__name", "topic__id")
        .values_list("contribution_id", "topic__layer", "topic__name")
    )
    for contribution_id, layer, name in rows:
        names.setdefault(contribution_id, []).append(
            str(Layer(layer).label) if layer else name
        )
    return names


def map_features(contributions: Any) -> dict[str, Any]:
    """The contributions with a point, as a GeoJSON FeatureCollection for the map."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(c.longitude), float(c.latitude)],
                },
                "properties": {
                    "title": c.title,
                    "url": getattr(c, "url", None) or c.get_absolute_url(),
                    "text": getattr(c, "kind_label", None) or c.get_kind_display(),
                },
            }
            for c in contributions
            if c.latitude is not None and c.longitude is not None
        ],
    }


def neighborhood_areas(municipality: Any) -> dict[str, Any] | None:
    """The neighbourhoods with a boundary, as areas under the point picker."""
    from quartier.core.models import Neighborhood

    features = []
    for n in Neighborhood.objects.of(municipality).exclude(boundary=None):
        geometry = n.boundary
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
        if isinstance(geometry, dict):
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {"title": n.name},
                }
            )
    return {"type": "FeatureCollection", "features": features} if features else None


@require_GET
def contribution_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    form, contributions = _filtered(request)
    # A filter or search tests the rows it counts: "more than 100" is all a wide
    # filter needs to know (the directory's rule), and a rare combination in a big
    # town no longer counts a thousand rows on every request.
    filters = getattr(form, "cleaned_data", {})
    filtered = any(filters.get(name) for name in FILTERS)
    page = keyset_page(
        contributions.select_related("neighborhood").only(*LIST_FIELDS),
        list_keys(form),
        request.GET,
        size=PAGE_SIZE,
        count_limit=FILTERED_COUNT_LIMIT if filtered else COUNT_LIMIT,
    )
    list_rows(page.object_list, request.municipality)
    context = {
        "form": form,
        "page": page,
        "features": map_features(page.object_list),
    }
    return render(request, "participation/contribution_list.html", context)


def _rate_limited(request: HttpRequest, email: str, window: Any = None) -> bool:
    """Per address of the visitor and per e-mail address (settings
    PARTICIPATION_RATE_LIMIT_IP / _EMAIL, per hour). During an event window whose
    code was given, the window's own limit per address applies instead (a workshop
    on one Wi-Fi)."""
    if window is not None:
        if not ratelimit.hit(
            f"participation.event.{window.pk}",
            ratelimit.client_ip(request),
            limit=window.limit,
            period=3600,
        ):
            return True
    elif not ratelimit.allow_anonymous(
        request,
        "participation.contribution",
        limit=settings.PARTICIPATION_RATE_LIMIT_IP,
    ):
        return True
    if email and not ratelimit.hit(
        "participation.email",
        email.lower(),
        limit=settings.PARTICIPATION_RATE_LIMIT_EMAIL,
        period=3600,
    ):
        return True
    return False


def photo_limited(request: HttpRequest, form: Any) -> bool:
    """Photos are limited for everybody, signed in or not (per account or address)."""
    if not form.cleaned_data.get("photo"):
        return False
    return not ratelimit.allow_upload(
        request,
        "participation.photo",
        limit=settings.PARTICIPATION_RATE_LIMIT_PHOTOS,
    )


def _limits_refuse(request: HttpRequest, form: ContributionForm) -> int:
    """The checks of the open form before anything is written: 0 when the
    contribution may be created, else the status of the page shown again with the
    error next to the form."""
    code = form.cleaned_data.get("event_code") or ""
    window = services.active_event_window(request.municipality, code)
    if code and window is None:
        form.add_error(
            "event_code",
            _(
                "This code is not valid at the moment. Please check it, or leave it out."
            ),
        )
        return 200
    if not form.claim_started_token():
        form.add_error(
            None,
            _(
                "This form has already been sent. Please check your entries and send it again."
            ),
        )
        return 200
    email = form.cleaned_data.get("author_email") or ""
    if _rate_limited(request, email, window) or photo_limited(request, form):
        form.add_error(
            None,
            _(
                "Too many contributions were sent from here in a short time. "
                "Please try again in an hour."
            ),
        )
        return 429
    return 0


def _after_create(request: HttpRequest, contribution: Contribution) -> HttpResponse:
    if contribution.author_email and not contribution.author_id:
        messages.info(
            request,
            _(
                "We have sent you an e-mail. Please confirm your address with the "
                "link in it, so that we can tell you what becomes of your contribution."
            ),
        )
    if contribution.is_public:
        messages.success(request, _("Thank you! Your contribution has been published."))
        return redirect(contribution)
    messages.success(
        request,
        _(
            "Thank you! Your contribution will appear once the coordination has checked it."
        ),
    )
    return redirect("participation:list", municipality_slug=request.municipality.slug)


def contribution_new(request: HttpRequest) -> HttpResponse:
    require(request, "participation.add_contribution")
    municipality = request.municipality
    initial: dict[str, Any] = {}
    preselect = request.GET.get("neighborhood", "")
    if preselect.isdigit():
        initial["neighborhood"] = int(preselect)
    if request.GET.get("code"):
        initial["event_code"] = request.GET["code"][:40]
    post = request.method == "POST"
    form = ContributionForm(
        request.POST if post else None,
        request.FILES if post else None,
        municipality=municipality,
        user=request.user,
        initial=initial,
    )
    status = 200
    if post:
        if form.is_spam:
            # A bot filled in the honeypot: it gets the same answer as a person.
            messages.success(
                request, _("Thank you! Your contribution has been received.")
            )
            return redirect("participation:list", municipality_slug=municipality.slug)
        if form.is_valid():
            refused = _limits_refuse(request, form)
            if refused:
                status = refused
            else:
                try:
                    contribution = services.contribution_create(
                        by=request.user,
                        municipality=municipality,
                        **form.service_kwargs(),
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    return _after_create(request, contribution)
    context = {
        "form": form,
        "map_picker": True,
        "empty_features": {"type": "FeatureCollection", "features": []},
        "areas": neighborhood_areas(municipality),
    }
    return render(
        request, "participation/contribution_form.html", context, status=status
    )


def _contributions() -> QuerySet[Contribution]:
    return Contribution.objects.select_related("municipality", "neighborhood", "author")


@require_GET
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(request, _contributions(), pk=pk)
    user = request.user
    staff = is_coordinator.test(user, request.municipality)
    comments = contribution.comments.select_related("author")
    if not staff:
        visible = Q(moderation="approved", is_hidden=False)
        if user.is_authenticated:
            visible |= Q(author=user)
        comments = comments.filter(visible)
    topics = list(contribution.topics.all())
    supported = (
        user.is_authenticated and contribution.supports.filter(user=user).exists()
    )
    context: dict[str, Any] = {
        "contribution": contribution,
        "responses": contribution.responses.select_related("author"),
        "status_changes": contribution.status_changes.select_related("changed_by"),
        "comments": comments,
        "topics": [t for t in topics if t.layer is None],
        "support_count": contribution.support_count,
        "supported": supported,
        "can_support": user.has_perm(
            "participation.support_contribution", contribution
        ),
        "can_comment": user.has_perm(
            "participation.comment_contribution", contribution
        ),
        "can_report": user.has_perm("participation.report_contribution", contribution),
        "staff": staff,
        "features": map_features([contribution]),
    }
    if context["can_comment"]:
        context["comment_form"] = CommentForm(auto_id="comment_%s")
    if staff:
        context["respond_form"] = RespondForm(
            initial={"status": contribution.status}, auto_id="respond_%s"
        )
        context["layers_form"] = LayersForm(
            municipality=request.municipality,
            initial={"layers": [t.pk for t in topics if t.layer is not None]},
            auto_id="layers_%s",
        )
    return render(request, "participation/contribution_detail.html", context)


def contribution_support(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(
        request, _contributions(), "participation.support_contribution", pk=pk
    )
    form = SupportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if request.user.is_authenticated:
            try:
                services.support_add(by=request.user, contribution=contribution)
            except ValidationError as exc:
                messages.info(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Thank you for your support!"))
            return redirect(contribution)
        if form.is_valid():
            if not ratelimit.allow_anonymous(
                request,
                "participation.support",
                limit=settings.PARTICIPATION_RATE_LIMIT_IP,
            ):
                form.add_error(
                    None, _("Too many requests from here. Please try again later.")
                )
                status = 429
            else:
                try:
                    services.support_add(
                        by=request.user,
                        contribution=contribution,
                        email=form.cleaned_data["email"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _(
                            "Almost done: please confirm your support with the link "
                            "we have sent to your e-mail address."
                        ),
                    )
                    return redirect(contribution)
    context = {"contribution": contribution, "form": form}
    return render(request, "participation/support_form.html", context, status=status)


@require_POST
def contribution_comment(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(
        request, _contributions(), "participation.comment_contribution", pk=pk
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_add(
                by=request.user,
                contribution=contribution,
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if comment.is_public:
                messages.success(request, _("Your comment has been published."))
            else:
                messages.success(
                    request, _("Your comment will appear once it has been checked.")
                )
    else:
        messages.error(request, _("Please write a comment."))
    return redirect(contribution.get_absolute_url() + "#comments")


def _report(
    request: HttpRequest, target: Contribution | Comment, back: str
) -> HttpResponse:
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
                services.report_add(
                    by=request.user,
                    target=target,
                    reporter_key=reporter_key(request),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                messages.info(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, _("Thank you. The coordination will look at it.")
                )
            return redirect(back)
    context = {"target": target, "form": form, "back": back}
    return render(request, "participation/report_form.html", context, status=status)


def contribution_report(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_for(
        request, _contributions(), "participation.report_contribution", pk=pk
    )
    back = contribution.get_absolute_url()
    if contribution.is_hidden or not contribution.is_public:
        back = ""
    return _report(request, contribution, back or _list_url(request))


def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_for(
        request,
        Comment.objects.select_related("contribution__municipality"),
        "participation.report_comment",
        pk=pk,
    )
    return _report(
        request, comment, comment.contribution.get_absolute_url() + "#comments"
    )


def _list_url(request: HttpRequest) -> str:
    from django.urls import reverse

    return reverse(
        "participation:list", kwargs={"municipality_slug": request.municipality.slug}
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the double opt-in: a page with one button (a link scanner that
    only fetches the page confirms nothing)."""
    require(request, "core.view_municipality")
    data = services.read_confirm_token(token)
    if request.method == "POST":
        try:
            confirmed = services.confirm_email(token=token)
        except ValidationError:
            return render(
                request, "participation/confirm.html", {"invalid": True}, status=400
            )
        contribution = (
            confirmed.contribution if isinstance(confirmed, Support) else confirmed
        )
        if contribution.municipality_id != request.municipality.pk:
            raise PermissionDenied
        if isinstance(confirmed, Support):
            messages.success(request, _("Thank you! Your support now counts."))
        else:
            messages.success(
                request,
                _(
                    "Thank you! We will tell you whenever the status of your contribution changes."
                ),
            )
        if request.user.has_perm("participation.view_contribution", contribution):
            return redirect(contribution)
        return redirect(_list_url(request))
    context = {"invalid": data is None, "kind": (data or {}).get("k")}
    return render(request, "participation/confirm.html", context)

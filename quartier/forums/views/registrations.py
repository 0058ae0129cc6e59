"""Views of the forums app: registration for meetings (with the waiting list), the
moderation's list of registrations with needs, and the iCalendar feeds."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.forums import calendar
from quartier.forums.forms_registrations import RegistrationForm
from quartier.forums.models import (
    Forum,
    ForumVisibility,
    Meeting,
    Need,
    Registration,
    RegistrationStatus,
)
from quartier.forums.services import registrations as services

# Feeds show what is coming and the recent past, not every meeting ever held.
FEED_PAST_DAYS = 365


def _meetings() -> object:
    return Meeting.objects.select_related("forum", "municipality")


def register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request, _meetings(), "forums.register_for_meeting", pk=pk)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                by=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(
                    request,
                    _(
                        "The meeting is full. You are on the waiting list and will "
                        "get an e-mail as soon as a place is free for you."
                    ),
                )
            else:
                messages.success(
                    request, _("You are registered. We have sent you a confirmation.")
                )
            return redirect(meeting)
    context = {
        "meeting": meeting,
        "form": form,
        "closed_reason": services.registration_closed_reason(meeting),
    }
    return render(request, "forums/registration_form.html", context)


@require_POST
def unregister(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request, _meetings(), pk=pk)
    if not request.user.is_authenticated:
        raise PermissionDenied
    registration = (
        Registration.objects.filter(meeting=meeting, user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None:
        messages.info(request, _("You were not registered for this meeting."))
        return redirect(meeting)
    try:
        services.registration_cancel(by=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect(meeting)


@require_GET
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request, _meetings(), "forums.view_registration", pk=pk)
    # Members and guests; guests who have not confirmed their address hold no place
    # and are only counted.
    everyone = Registration.objects.filter(meeting=meeting).exclude(
        status=RegistrationStatus.CANCELLED
    )
    registrations = list(
        everyone.exclude(status=RegistrationStatus.PENDING)
        .select_related("user")
        .order_by("status", "created_at", "id")
    )
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    counts = Counter(need for r in confirmed for need in r.needs)
    languages = sorted({r.language for r in confirmed if r.language})
    waiting_counts = Counter(
        need
        for r in registrations
        if r.status == RegistrationStatus.WAITLISTED
        for need in r.needs
    )
    labels = dict(Need.choices)
    context = {
        "meeting": meeting,
        "registrations": [
            (r, [labels.get(need, need) for need in r.needs]) for r in registrations
        ],
        "confirmed_count": len(confirmed),
        "waitlisted_count": len(registrations) - len(confirmed),
        "pending_count": everyone.filter(status=RegistrationStatus.PENDING).count(),
        "need_summary": [
            (label, counts.get(value, 0), waiting_counts.get(value, 0))
            for value, label in Need.choices
        ],
        "languages": languages,
    }
    return render(request, "forums/registration_list.html", context)


def _ics_response(body: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request, _meetings(), pk=pk)
    body = calendar.build_calendar(
        [meeting], request=request, name=meeting.title, method="PUBLISH"
    )
    return _ics_response(body, filename=f"meeting-{meeting.pk}.ics")


def _feed_meetings(queryset: object) -> object:
    since = timezone.now() - timezone.timedelta(days=FEED_PAST_DAYS)
    return queryset.filter(starts_at__gte=since).select_related("forum", "municipality")


@require_GET
def forum_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_for(request, Forum.objects.all(), slug=slug)
    meetings = _feed_meetings(Meeting.objects.of(request.municipality).listed()).filter(
        forum=forum
    )
    body = calendar.build_calendar(
        meetings, request=request, name=f"{forum.name} – {request.municipality.name}"
    )
    return _ics_response(body)


@require_GET
def municipality_calendar(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    meetings = _feed_meetings(Meeting.objects.of(municipality).listed()).filter(
        forum__visibility=ForumVisibility.PUBLIC, forum__archived_at__isnull=True
    )
    body = calendar.build_calendar(
        meetings,
        request=request,
        name=_("Meetings in %(name)s") % {"name": municipality.name},
    )
    return _ics_response(body)

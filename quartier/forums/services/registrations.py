"""Writes of the forums app: registrations for meetings, the waiting list, and the
confirmation and reminder e-mails.

Capacity is checked and claimed with the meeting row locked (`select_for_update`; on
SQLite the IMMEDIATE transaction mode serialises writers), so that many people
registering at once never exceed it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.core.maillinks import absolute_url
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.forums import guest_links
from quartier.forums.models import (
    Meeting,
    MeetingStatus,
    Need,
    Registration,
    RegistrationStatus,
)

ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
REMINDER_WINDOW = (datetime.timedelta(hours=24), datetime.timedelta(hours=48))


def registration_closed_reason(meeting: Meeting, now: Any = None) -> str:
    """Why nobody can register for `meeting` right now ("" when they can)."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED:
        return _("This meeting has been cancelled.")
    if meeting.status == MeetingStatus.HELD or meeting.starts_at <= now:
        return _("This meeting has already taken place.")
    if not meeting.registration_open:
        return _("Registration for this meeting is closed.")
    return ""


def _clean_needs(needs: Iterable[str]) -> list[str]:
    needs = list(dict.fromkeys(needs or ()))
    unknown = [need for need in needs if need not in Need.values]
    if unknown:
        raise ValidationError({"needs": _("Unknown need: %s") % ", ".join(unknown)})
    return needs


def meeting_link(meeting: Meeting) -> str:
    """The absolute address of the meeting page, for e-mails (core/maillinks.py)."""
    return absolute_url(meeting.get_absolute_url())


def _mail(registration: Registration, kind: str) -> None:
    """Tell the person (member or guest) about their registration; a guest's mail
    carries the link to cancel (guests have no account to do it on the page)."""
    meeting = registration.meeting
    subjects = {
        "confirmed": gettext_lazy("Registration confirmed: %(title)s"),
        "waitlisted": gettext_lazy("On the waiting list: %(title)s"),
        "moved_up": gettext_lazy("A place is free for you: %(title)s"),
        "reminder": gettext_lazy("Reminder: %(title)s"),
        "guest_confirm": gettext_lazy("Please confirm your registration: %(title)s"),
    }
    context = {
        "registration": registration,
        "meeting": meeting,
        "forum": meeting.forum,
        "name": registration.person_name,
        "link": meeting_link(meeting),
    }
    if registration.is_guest:
        context["cancel_link"] = guest_links.link(registration, guest_links.CANCEL)
        if kind == "guest_confirm":
            context["confirm_link"] = guest_links.link(
                registration, guest_links.CONFIRM
            )
            context["hours"] = guest_links.GUEST_CONFIRM_HOURS
    queue_email(
        to=registration.email,
        subject=lazy_subject(subjects[kind], title=meeting.title),
        template=f"forums/email/registration_{kind}.txt",
        context=context,
    )


def _places_taken(meeting: Meeting) -> int:
    return Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED
    ).count()


def _fill_from_waitlist(meeting: Meeting) -> list[Registration]:
    """Confirm people from the waiting list, first come first served, while places
    are free. The caller holds the lock on the meeting row."""
    waiting = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.WAITLISTED
    ).order_by("created_at", "id")
    if meeting.capacity is not None:
        free = meeting.capacity - _places_taken(meeting)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("user", "municipality"))
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.meeting = meeting
        registration.save(update_fields=["status", "updated_at"])
        _mail(registration, "moved_up")
    return promoted


@transaction.atomic
def registration_create(
    *,
    by: Any,
    meeting: Meeting,
    needs: Iterable[str] = (),
    language: str = "",
    note: str = "",
) -> Registration:
    """Register `by` for `meeting`: confirmed while places are free, otherwise on the
    waiting list. A second registration of the same person is refused."""
    ensure_allowed(by, "forums.register_for_meeting", meeting)
    needs = _clean_needs(needs)
    language = (language or "").strip() if Need.SPOKEN_LANGUAGE in needs else ""
    if Need.SPOKEN_LANGUAGE in needs and not language:
        raise ValidationError(
            {"language": _("Please tell us which language we should interpret into.")}
        )
    # The lock: every registration for this meeting queues here, so counting the
    # confirmed places and claiming one cannot interleave.
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("forum", "municipality")
        .get(pk=meeting.pk)
    )
    reason = registration_closed_reason(meeting)
    if reason:
        raise ValidationError(reason)
    registration = Registration.objects.filter(meeting=meeting, user=by).first()
    if registration is not None and registration.status in ACTIVE_STATUSES:
        raise ValidationError(_("You are already registered for this meeting."))
    _fill_from_waitlist(meeting)
    full = meeting.capacity is not None and _places_taken(meeting) >= meeting.capacity
    if registration is None:
        registration = Registration(
            municipality=meeting.municipality, meeting=meeting, user=by
        )
    registration.meeting = meeting
    registration.status = (
        RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    )
    registration.needs = needs
    registration.language = language[:100]
    registration.note = (note or "").strip()[:300]
    # A renewed registration queues at the end of the waiting list.
    registration.created_at = timezone.now()
    registration.full_clean(exclude=["meeting", "user", "municipality"])
    registration.save()
    _mail(registration, "waitlisted" if full else "confirmed")
    return registration


@transaction.atomic
def registration_cancel(*, by: Any, registration: Registration) -> list[Registration]:
    """Cancel a registration (the person themself, or whoever runs the forum). A freed
    place goes to the first person on the waiting list, who is told by e-mail.
    Returns the registrations that moved up."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied("forums.cancel_registration")
    if registration.user_id != by.pk:
        ensure_allowed(by, "forums.change_meeting", registration.meeting)
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("forum", "municipality")
        .get(pk=registration.meeting_id)
    )
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration was already cancelled."))
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    promoted = _fill_from_waitlist(meeting)
    if registration.user_id != by.pk:
        record_action(
            by, meeting.municipality, "forums.cancel_registration", registration
        )
    return promoted


@transaction.atomic
def waitlist_fill(*, by: Any, meeting: Meeting) -> list[Registration]:
    """Move people up after the moderation raised a meeting's capacity."""
    ensure_allowed(by, "forums.change_meeting", meeting)
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("forum", "municipality")
        .get(pk=meeting.pk)
    )
    return _fill_from_waitlist(meeting)


def reminders_send(*, now: Any = None) -> int:
    """E-mail every confirmed participant of the planned meetings that start in 24 to
    48 hours and have had no reminder yet, and mark them reminded (idempotent: a
    second run sends nothing). Returns the number of e-mails sent."""
    now = now or timezone.now()
    candidates = Meeting.objects.filter(
        status=MeetingStatus.PLANNED,
        reminder_sent_at__isnull=True,
        starts_at__gte=now + REMINDER_WINDOW[0],
        starts_at__lt=now + REMINDER_WINDOW[1],
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(candidates):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update()
                .select_related("forum", "municipality")
                .get(pk=pk)
            )
            if meeting.reminder_sent_at is not None:  # another run was faster
                continue
            registrations = Registration.objects.filter(
                meeting=meeting, status=RegistrationStatus.CONFIRMED
            ).select_related("user", "municipality")
            for registration in registrations:
                registration.meeting = meeting
                _mail(registration, "reminder")
                sent += 1
            meeting.reminder_sent_at = now
            meeting.save(update_fields=["reminder_sent_at"])
    return sent


@task()
def send_meeting_reminders() -> int:
    """The reminders as a background task (django-tasks), for operators who schedule
    tasks rather than the management command."""
    return reminders_send()

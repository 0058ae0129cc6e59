"""Writes of the forums app: registrations of guests without an account.

A guest gives a name and an e-mail address (and needs, as members do) for a meeting
of a public forum. The registration waits (PENDING, no place held) until the guest
opens the signed confirmation link of the e-mail (double opt-in); only then does it
take a place or join the waiting list, under the same lock of the meeting row as
members' registrations. Every later mail carries a signed link to cancel. Unconfirmed
registrations are deleted after a while (forums/retention.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.services import ensure_allowed
from quartier.forums import guest_links
from quartier.forums.models import (
    Meeting,
    Need,
    Registration,
    RegistrationStatus,
)
from quartier.forums.services.registrations import (
    ACTIVE_STATUSES,
    _clean_needs,
    _fill_from_waitlist,
    _mail,
    _places_taken,
    registration_closed_reason,
)


def _locked(meeting_pk: int) -> Meeting:
    return (
        Meeting.objects.select_for_update()
        .select_related("forum", "municipality")
        .get(pk=meeting_pk)
    )


@transaction.atomic
def guest_registration_create(
    *,
    by: Any,
    meeting: Meeting,
    name: str,
    email: str,
    needs: Iterable[str] = (),
    language: str = "",
    note: str = "",
) -> Registration:
    """Register a guest (no account) for `meeting`, waiting for the confirmation of
    the e-mail address; sends the mail with the confirmation link. Registering
    again before confirming sends a new link."""
    ensure_allowed(by, "forums.register_as_guest", meeting)
    name = (name or "").strip()
    email = (email or "").strip().lower()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Please tell us your name.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Please enter a valid e-mail address.")
    needs = _clean_needs(needs)
    language = (language or "").strip() if Need.SPOKEN_LANGUAGE in needs else ""
    if Need.SPOKEN_LANGUAGE in needs and not language:
        errors["language"] = _(
            "Please tell us which language we should interpret into."
        )
    if errors:
        raise ValidationError(errors)
    meeting = _locked(meeting.pk)
    reason = registration_closed_reason(meeting)
    if reason:
        raise ValidationError(reason)
    registration = Registration.objects.filter(
        meeting=meeting, guest_email=email
    ).first()
    if registration is not None and registration.status in ACTIVE_STATUSES:
        raise ValidationError(
            {
                "email": _(
                    "This e-mail address is already registered for this meeting. "
                    "Our e-mail to it has a link to cancel."
                )
            }
        )
    if registration is None:
        registration = Registration(
            municipality=meeting.municipality, meeting=meeting, guest_email=email
        )
    registration.meeting = meeting
    registration.guest_name = name[:120]
    registration.status = RegistrationStatus.PENDING
    registration.needs = needs
    registration.language = language[:100]
    registration.note = (note or "").strip()[:300]
    registration.created_at = timezone.now()
    registration.full_clean(exclude=["meeting", "user", "municipality"])
    registration.save()
    _mail(registration, "guest_confirm")
    return registration


def _registration_of(token: str, action: str) -> Registration:
    try:
        data = guest_links.read_token(token, action)
    except guest_links.LinkExpired:
        raise ValidationError(
            _(
                "This link has expired. Please register again; we will send you a "
                "new one."
            ),
            code="expired",
        ) from None
    registration = None
    if data is not None:
        registration = (
            Registration.objects.filter(pk=data["r"], guest_email=data["e"])
            .select_related("meeting__forum", "municipality")
            .first()
        )
    if registration is None:
        raise ValidationError(
            _("This link is not valid. Please copy it completely from the e-mail."),
            code="invalid",
        )
    return registration


def guest_registration_of(token: str, action: str) -> Registration:
    """The registration a confirmation or cancellation link points to (for the page
    that shows the link's button); ValidationError when the link is bad."""
    return _registration_of(token, action)


@transaction.atomic
def guest_registration_confirm(*, token: str) -> Registration:
    """The guest opened the confirmation link: the registration takes a free place,
    or joins the waiting list when the meeting is full. A link works once."""
    registration = _registration_of(token, guest_links.CONFIRM)
    meeting = _locked(registration.meeting_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(
            _("This link has already been used. Your registration stands."),
            code="used",
        )
    reason = registration_closed_reason(meeting)
    if reason:
        raise ValidationError(reason, code="closed")
    _fill_from_waitlist(meeting)
    full = meeting.capacity is not None and _places_taken(meeting) >= meeting.capacity
    registration.meeting = meeting
    registration.status = (
        RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    )
    # The waiting list is first come first served from the confirmation on.
    registration.created_at = timezone.now()
    registration.save(update_fields=["status", "created_at", "updated_at"])
    _mail(registration, "waitlisted" if full else "confirmed")
    return registration


@transaction.atomic
def guest_registration_cancel(*, token: str) -> list[Registration]:
    """The guest cancels with the link of their e-mail; the freed place goes to the
    next person on the waiting list (member or guest), who is told. Returns the
    registrations that moved up."""
    registration = _registration_of(token, guest_links.CANCEL)
    meeting = _locked(registration.meeting_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(
            _("This registration was already cancelled."), code="used"
        )
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has already taken place."), code="closed")
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    return _fill_from_waitlist(meeting)

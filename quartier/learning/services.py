"""Writes of the learning app: time entries."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import Membership
from quartier.actors.models import Actor, ActorMember
from quartier.core.models import Municipality, Neighborhood
from quartier.core.services import ensure_allowed, record_action
from quartier.learning.models import (
    MAX_HOURS,
    MIN_HOURS,
    TimeCategory,
    TimeEntry,
    TimeTrackingMode,
    TimeTrackingSetting,
)


@transaction.atomic
def time_tracking_set(
    *,
    by: Any,
    municipality: Municipality,
    mode: str,
    agreement_note: str = "",
    confirmed: bool = False,
) -> TimeTrackingSetting:
    """Switch time entries off, to "own entries only", or on with an agreement with
    the staff council, which the admin must confirm (docs/time.md). Audited."""
    ensure_allowed(by, "learning.configure_time_tracking", municipality)
    if mode not in TimeTrackingMode.values:
        raise ValidationError({"mode": _("Choose how time entries are used.")})
    note = (agreement_note or "").strip()
    if mode == TimeTrackingMode.AGREEMENT and not (confirmed and note):
        raise ValidationError(
            {
                "confirm_agreement": _(
                    "Confirm the agreement with the staff council and name it."
                )
            }
        )
    setting, _created = TimeTrackingSetting.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    setting.mode = mode
    setting.agreement_note = note if mode == TimeTrackingMode.AGREEMENT else ""
    setting.confirmed_by = by
    setting.confirmed_at = timezone.now()
    setting.save()
    municipality._time_tracking_mode = mode  # type: ignore[attr-defined]
    record_action(by, municipality, "learning.configure_time_tracking", setting)
    return setting


def actors_for(user: Any, municipality: Municipality) -> Any:
    """The actors `user` may record time for: all (coordination) or their own."""
    actors = Actor.objects.of(municipality).filter(archived_at__isnull=True)
    if user.has_perm("learning.record_for_anyone", municipality):
        return actors
    return actors.filter(memberships__user=user)


def check_hours(value: Any) -> Decimal:
    """Hours as a Decimal: quarter hours from 0.25 to 24, else a ValidationError."""
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"hours": _("Enter the hours as a number.")}) from exc
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise ValidationError(
            {"hours": _("Enter between 0.25 and 24 hours for one day.")}
        )
    if hours * 4 != int(hours * 4):
        raise ValidationError({"hours": _("Enter the hours in quarter hours.")})
    return hours


@transaction.atomic
def time_entry_save(
    *,
    by: Any,
    municipality: Municipality,
    entry: TimeEntry | None = None,
    date: datetime.date,
    hours: Any,
    category: str,
    actor: Actor | None = None,
    person: Any = None,
    neighborhood: Neighborhood | None = None,
    note: str = "",
    role: Any = None,
) -> TimeEntry:
    """Record time (or change an entry): for oneself, for an actor one acts for,
    or — coordinators — for any actor or member of the municipality."""
    if entry is None:
        ensure_allowed(by, "learning.add_timeentry", municipality)
        entry = TimeEntry(municipality=municipality, created_by=by)
    else:
        ensure_allowed(by, "learning.change_timeentry", entry)
    if actor is not None and person is not None:
        raise ValidationError(
            {"actor": _("Record the time either for a person or for an actor.")}
        )
    if actor is not None:
        if actor.municipality_id != municipality.pk or not (
            by.has_perm("learning.record_for_anyone", municipality)
            or ActorMember.objects.filter(actor=actor, user=by).exists()
        ):
            raise ValidationError(
                {"actor": _("You can only record time for actors you act for.")}
            )
    else:
        person = person or by
        if person.pk != by.pk:
            if not by.has_perm("learning.record_for_person", municipality):
                raise ValidationError(
                    {"person": _("You can only record your own time.")}
                )
            if not Membership.objects.filter(
                user=person, municipality=municipality
            ).exists():
                raise ValidationError(
                    {"person": _("This person is not a member of the municipality.")}
                )
    if category not in TimeCategory.values:
        raise ValidationError({"category": _("Choose a category.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if neighborhood is not None and neighborhood.municipality_id != municipality.pk:
        raise ValidationError({"neighborhood": _("Unknown neighbourhood.")})
    if role is not None and role.municipality_id != municipality.pk:
        raise ValidationError({"role": _("Unknown role.")})
    entry.actor = actor
    entry.person = None if actor is not None else person
    entry.date = date
    entry.hours = check_hours(hours)
    entry.category = category
    entry.neighborhood = neighborhood
    entry.role = role
    entry.note = (note or "").strip()
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def time_entry_delete(*, by: Any, entry: TimeEntry) -> None:
    """Delete an entry (its author, the person it is about, or the coordination)."""
    ensure_allowed(by, "learning.delete_timeentry", entry)
    if by.pk not in (entry.person_id, entry.created_by_id):
        record_action(by, entry.municipality, "learning.delete_timeentry", entry)
    entry.delete()

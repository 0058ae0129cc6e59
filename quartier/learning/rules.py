"""Permissions of the learning app (docs/permissions.md, section "Time made visible").

Objects are a Municipality (totals, "add") or a TimeEntry.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import (
    can_read_internal_pred,
    is_admin,
    is_coordinator,
    is_member,
)


def _mode(obj: Any) -> str:
    from quartier.learning.models import TimeTrackingSetting

    municipality = getattr(obj, "municipality", obj)
    return TimeTrackingSetting.mode_of(municipality)


@rules.predicate
def time_tracking_on(user: Any, obj: Any = None) -> bool:
    """An admin switched time entries on (agreement or own entries only)."""
    return _mode(obj) != "off"


@rules.predicate
def has_staff_council_agreement(user: Any, obj: Any = None) -> bool:
    """An admin confirmed an agreement with the staff council: only then may hours
    be evaluated per person (docs/time.md)."""
    return _mode(obj) == "agreement"


@rules.predicate
def is_own_entry(user: Any, entry: Any = None) -> bool:
    """The entry is about the user, or the user recorded it."""
    if entry is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk in (getattr(entry, "person_id", None), entry.created_by_id)


@rules.predicate
def acts_for_entry_actor(user: Any, entry: Any = None) -> bool:
    """The entry is an actor's, and the user is one of that actor's partners."""
    actor_id = getattr(entry, "actor_id", None)
    if not actor_id or not getattr(user, "is_authenticated", False):
        return False
    from quartier.actors.models import ActorMember

    return ActorMember.objects.filter(actor_id=actor_id, user=user).exists()


# Totals (per category, actor, quarter) are for the municipality's members and
# opted-in advisers; hours of one named person only for the coordination and the
# person themself.
@rules.predicate
def is_actor_entry(user: Any, entry: Any = None) -> bool:
    """The entry is an actor's (an organisation's time, not one person's)."""
    return bool(getattr(entry, "actor_id", None))


# The coordination sees and changes other people's single entries only with the
# staff council's agreement; in "own entries only" just the actors' entries.
coordination_over = is_coordinator & (has_staff_council_agreement | is_actor_entry)

# Everything needs the module switched on; per-person totals need the agreement.
rules.add_perm("learning.configure_time_tracking", is_admin)
# The module's card on the municipality home: those who may read the totals, and the
# admin who decides whether time entries are on (a switched-off module is no dead end).
rules.add_perm(
    "learning.open_time_module",
    (can_read_internal_pred & time_tracking_on) | is_admin,
)
rules.add_perm("learning.view_time_totals", can_read_internal_pred & time_tracking_on)
rules.add_perm(
    "learning.view_person_totals", is_coordinator & has_staff_council_agreement
)
rules.add_perm("learning.add_timeentry", is_member & time_tracking_on)
rules.add_perm("learning.record_for_anyone", is_coordinator & time_tracking_on)
rules.add_perm(
    "learning.record_for_person", is_coordinator & has_staff_council_agreement
)
rules.add_perm(
    "learning.view_timeentry",
    time_tracking_on
    & (coordination_over | (is_member & (is_own_entry | acts_for_entry_actor))),
)
rules.add_perm(
    "learning.change_timeentry",
    time_tracking_on & (coordination_over | (is_member & is_own_entry)),
)
rules.add_perm(
    "learning.delete_timeentry",
    time_tracking_on & (coordination_over | (is_member & is_own_entry)),
)

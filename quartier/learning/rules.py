"""Permissions of the learning app (docs/permissions.md, section "Time made visible").

Objects are a Municipality (totals, "add") or a TimeEntry.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import can_read_internal_pred, is_coordinator, is_member


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
rules.add_perm("learning.view_time_totals", can_read_internal_pred)
rules.add_perm("learning.view_person_totals", is_coordinator)
rules.add_perm("learning.add_timeentry", is_member)
rules.add_perm("learning.record_for_anyone", is_coordinator)
rules.add_perm(
    "learning.view_timeentry",
    is_coordinator | (is_member & (is_own_entry | acts_for_entry_actor)),
)
rules.add_perm("learning.change_timeentry", is_coordinator | (is_member & is_own_entry))
rules.add_perm("learning.delete_timeentry", is_coordinator | (is_member & is_own_entry))

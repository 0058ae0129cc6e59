"""Permissions of the actors app (docs/permissions.md)."""

import rules

from quartier.core.predicates import (
    can_read_internal_pred,
    is_coordinator,
    is_public,
)

can_see = is_public | can_read_internal_pred

rules.add_perm("actors.view_actor", can_see)
rules.add_perm("actors.add_actor", is_coordinator)
rules.add_perm("actors.change_actor", is_coordinator)
rules.add_perm("actors.archive_actor", is_coordinator)


@rules.predicate
def both_actors_public(user, tie) -> bool:  # type: ignore[no-untyped-def]
    return tie.source.visibility == "public" and tie.target.visibility == "public"


rules.add_perm("actors.view_tie", both_actors_public | can_read_internal_pred)
rules.add_perm("actors.add_tie", is_coordinator)
rules.add_perm("actors.change_tie", is_coordinator)
rules.add_perm("actors.archive_tie", is_coordinator)

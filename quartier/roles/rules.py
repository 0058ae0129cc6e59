"""Permissions of role profiles and qualification offers (docs/permissions.md,
"Role profiles and qualification").

Profiles and offers are public reading; the names of role holders are shown only
with consent (the templates and the API use `RoleHolder.shown_name`). Coordinators
write their municipality's profiles and offers, advisers the shared offers. A
person consents for themself, an actor's admin for the actor.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator


@rules.predicate
def is_adviser(user: Any, obj: Any = None) -> bool:
    """An active adviser (Fachberatung), whatever the municipalities share."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_adviser", False)
    )


@rules.predicate
def is_shared_offer(user: Any, offer: Any = None) -> bool:
    """An offer of the advisers for every municipality (no municipality)."""
    return offer is not None and getattr(offer, "municipality_id", 0) is None


@rules.predicate
def is_the_holder(user: Any, holder: Any = None) -> bool:
    """The holder row names the user themself."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(holder, "user_id", None) == user.pk
    )


@rules.predicate
def is_admin_of_holding_actor(user: Any, holder: Any = None) -> bool:
    """The holder row names an actor, and the user is one of its admins."""
    actor_id = getattr(holder, "actor_id", None)
    if not actor_id or not getattr(user, "is_authenticated", False):
        return False
    from quartier.actors.models import ActorMember, ActorMemberRole

    return ActorMember.objects.filter(
        actor_id=actor_id, user=user, role=ActorMemberRole.ADMIN
    ).exists()


speaks_for_holder = is_the_holder | is_admin_of_holding_actor

rules.add_perm("roles.view_roleprofile", rules.always_allow)
rules.add_perm("roles.add_roleprofile", is_coordinator)
rules.add_perm("roles.change_roleprofile", is_coordinator)
# A holder row is seen by the coordination (without the name until consent) and by
# whoever speaks for the holder; only they give or withdraw consent.
rules.add_perm("roles.view_roleholder", is_coordinator | speaks_for_holder)
rules.add_perm("roles.add_roleholder", is_coordinator)
rules.add_perm("roles.consent_roleholder", speaks_for_holder)
rules.add_perm("roles.delete_roleholder", is_coordinator | speaks_for_holder)

rules.add_perm("roles.view_qualificationoffer", rules.always_allow)
rules.add_perm("roles.add_qualificationoffer", is_coordinator)
rules.add_perm("roles.add_shared_qualificationoffer", is_adviser)
rules.add_perm(
    "roles.change_qualificationoffer",
    (is_shared_offer & is_adviser) | (~is_shared_offer & is_coordinator),
)

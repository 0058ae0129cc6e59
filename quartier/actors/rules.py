"""Permissions of the actors app (docs/permissions.md, docs/actors.md).

Partners maintain their own organisation: a member of an actor who is at least
partner in the municipality edits its profile and proposes ties from it; the actor's
admins invite and remove colleagues. Coordinators correct and archive any actor and
record ties directly. A tie becomes active when the other side confirms it.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import (
    can_read_internal_pred,
    is_coordinator,
    is_partner,
    is_public,
)
from quartier.core.roles import Role, rank

can_see = is_public | can_read_internal_pred


def _member_role(user: Any, actor: Any) -> str | None:
    """The user's role in the actor (cached per user and request), or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    roles = getattr(user, "_actor_roles_cache", None)
    if roles is None:
        from quartier.actors.models import ActorMember

        roles = dict(
            ActorMember.objects.filter(user=user).values_list("actor_id", "role")
        )
        user._actor_roles_cache = roles
    return roles.get(actor.pk)


def _partner_in_municipality_of(user: Any, actor: Any) -> bool:
    """At least partner in the actor's municipality (by its id: no query for the
    municipality row when many ties are checked on one page)."""
    return rank(user.role_in(actor.municipality_id)) >= rank(Role.PARTNER)


def _actor_of(obj: Any) -> Any:
    from quartier.actors.models import Actor

    return obj if isinstance(obj, Actor) else None


@rules.predicate
def is_actor_member(user: Any, obj: Any = None) -> bool:
    """A member of the actor (any role in it) who is at least partner in its
    municipality; False for anything that is not an actor."""
    actor = _actor_of(obj)
    return bool(
        actor is not None
        and _member_role(user, actor) is not None
        and _partner_in_municipality_of(user, actor)
    )


@rules.predicate
def is_actor_admin(user: Any, obj: Any = None) -> bool:
    """An admin of the actor who is at least partner in its municipality."""
    actor = _actor_of(obj)
    return bool(
        actor is not None
        and _member_role(user, actor) == "admin"
        and _partner_in_municipality_of(user, actor)
    )


@rules.predicate
def is_not_archived_actor(user: Any, obj: Any = None) -> bool:
    actor = _actor_of(obj)
    return actor is not None and actor.archived_at is None


def _partner_of(user: Any, actor: Any) -> bool:
    return _member_role(user, actor) is not None and _partner_in_municipality_of(
        user, actor
    )


@rules.predicate
def both_actors_public(user, tie) -> bool:  # type: ignore[no-untyped-def]
    return tie.source.visibility == "public" and tie.target.visibility == "public"


@rules.predicate
def is_active_tie(user: Any, tie: Any) -> bool:
    return getattr(tie, "is_active", False)


@rules.predicate
def is_proposed_tie(user: Any, tie: Any) -> bool:
    return getattr(tie, "is_proposed", False)


@rules.predicate
def acts_for_either_side(user: Any, tie: Any) -> bool:
    return _partner_of(user, tie.source) or _partner_of(user, tie.target)


@rules.predicate
def acts_for_the_asked_side(user: Any, tie: Any) -> bool:
    """A member of the actor the proposal was sent to — never the proposer itself,
    not even when they act for both sides."""
    return _partner_of(user, tie.target) and tie.proposed_by_id != user.pk


@rules.predicate
def is_open_tie(user: Any, tie: Any) -> bool:
    return getattr(tie, "is_active", False) or getattr(tie, "is_proposed", False)


# Actors -------------------------------------------------------------------------
rules.add_perm("actors.view_actor", can_see)
rules.add_perm("actors.add_actor", is_coordinator)
# Members of the actor edit its profile; kind, name and visibility stay with the
# coordination (actors/services.py PARTNER_FIELDS).
rules.add_perm(
    "actors.change_actor", is_coordinator | (is_actor_member & is_not_archived_actor)
)
rules.add_perm("actors.archive_actor", is_coordinator)
rules.add_perm("actors.view_members", is_coordinator | is_actor_member)
rules.add_perm(
    "actors.manage_members",
    is_coordinator | (is_actor_admin & is_not_archived_actor),
)

# Ties ---------------------------------------------------------------------------
# Confirmed ties are as visible as their less visible actor; proposals, declined and
# ended ties only to the two sides and the coordination.
rules.add_perm(
    "actors.view_tie",
    (is_active_tie & (both_actors_public | can_read_internal_pred))
    | is_coordinator
    | acts_for_either_side,
)
# Recording a tie directly (active at once, "von der Koordination erfasst").
rules.add_perm("actors.add_tie", is_coordinator)
rules.add_perm("actors.change_tie", is_coordinator)
rules.add_perm("actors.archive_tie", is_coordinator)
# On an actor: its members propose ties from it.
rules.add_perm("actors.propose_tie", is_actor_member & is_not_archived_actor)
rules.add_perm("actors.confirm_tie", is_proposed_tie & acts_for_the_asked_side)
rules.add_perm("actors.end_tie", is_open_tie & (is_coordinator | acts_for_either_side))


def _via_actor(predicate: Any, name: str) -> Any:
    """`predicate` applied to the actor of a membership or invitation."""

    @rules.predicate(name=name)
    def check(user: Any, obj: Any = None) -> bool:
        actor = getattr(obj, "actor", None)
        return actor is not None and bool(predicate.test(user, actor))

    return check


@rules.predicate
def is_this_member(user: Any, member: Any) -> bool:
    return getattr(user, "pk", None) is not None and member.user_id == user.pk


# Memberships and invitations of an actor (loaded through the gate by their actor).
rules.add_perm(
    "actors.view_actormember",
    _via_actor(is_coordinator | is_actor_member, "sees_the_actors_members"),
)
# The actor's admins and the coordination change roles and remove members; anyone
# may leave an actor (the last admin excepted, services.py).
rules.add_perm(
    "actors.change_actormember",
    _via_actor(
        is_coordinator | (is_actor_admin & is_not_archived_actor),
        "manages_the_actors_members",
    )
    | is_this_member,
)
rules.add_perm(
    "actors.view_actorinvitation",
    _via_actor(is_coordinator | is_actor_member, "sees_the_actors_invitations"),
)
rules.add_perm(
    "actors.delete_actorinvitation",
    _via_actor(
        is_coordinator | (is_actor_admin & is_not_archived_actor),
        "withdraws_the_actors_invitations",
    ),
)


@rules.predicate
def acts_for_an_actor_here(user: Any, obj: Any = None) -> bool:
    """A member of some active actor of the object's municipality."""
    from quartier.actors.models import ActorMember
    from quartier.core.predicates import municipality_of

    municipality = municipality_of(obj)
    return bool(
        municipality is not None
        and getattr(user, "is_authenticated", False)
        and ActorMember.objects.filter(
            user=user,
            actor__municipality=municipality,
            actor__archived_at__isnull=True,
        ).exists()
    )


# The work queue of proposals on "Meine Übersicht" (actors/worklist.py): for those
# who act for an organisation here.
rules.add_perm("actors.confirm_ties", is_partner & acts_for_an_actor_here)

"""Permissions of the initiatives app (docs/initiatives.md, "Wer darf was").

Objects are a Municipality (create, lists, defaults, matrix) or an Initiative.
"Involved" means: the initiative's lead person, or a member of its lead
organisation or of a partner organisation.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, is_member, is_partner


def _initiative(obj: Any) -> Any:
    from quartier.initiatives.models import Initiative

    if isinstance(obj, Initiative):
        return obj
    return getattr(obj, "initiative", None)


@rules.predicate
def is_public_initiative(user: Any, obj: Any = None) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.visibility == "public"


@rules.predicate
def is_members_initiative(user: Any, obj: Any = None) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.visibility == "members"


@rules.predicate
def is_involved(user: Any, obj: Any = None) -> bool:
    """The lead person, or a member of the lead or a partner organisation."""
    initiative = _initiative(obj)
    if initiative is None or not getattr(user, "is_authenticated", False):
        return False
    if initiative.lead_person_id == user.pk:
        return True
    from quartier.actors.models import ActorMember
    from quartier.initiatives.models import InitiativePartner

    partner_actors = InitiativePartner.objects.filter(
        initiative_id=initiative.pk
    ).values("actor_id")
    mine = ActorMember.objects.filter(user=user)
    if initiative.lead_actor_id:
        if mine.filter(actor_id=initiative.lead_actor_id).exists():
            return True
    return mine.filter(actor_id__in=partner_actors).exists()


@rules.predicate
def is_application_applicant(user: Any, obj: Any = None) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(obj, "applicant_id", None) == user.pk
    )


can_edit = is_coordinator | (is_member & is_involved)

rules.add_perm(
    "initiatives.view_initiative",
    is_public_initiative
    | (is_members_initiative & is_member)
    | is_coordinator
    | (is_member & is_involved),
)
rules.add_perm("initiatives.add_initiative", is_coordinator | is_partner)
rules.add_perm("initiatives.change_initiative", can_edit)
rules.add_perm("initiatives.change_phase", can_edit)
rules.add_perm("initiatives.link_initiative", can_edit)
rules.add_perm("initiatives.change_healthcheck", can_edit)
rules.add_perm("initiatives.view_internals", can_edit)
rules.add_perm(
    "initiatives.follow_initiative",
    rules.is_authenticated
    & (is_public_initiative | is_members_initiative | is_involved | is_coordinator),
)
rules.add_perm("initiatives.manage_checklists", is_coordinator)
rules.add_perm("initiatives.view_matrix", is_coordinator)
rules.add_perm("initiatives.view_followups", is_coordinator)
# Linking needs the right to edit the far object too (links.py names it per kind);
# a fund application is edited by its applicant and the coordination.
rules.add_perm(
    "initiatives.link_application", is_coordinator | is_application_applicant
)

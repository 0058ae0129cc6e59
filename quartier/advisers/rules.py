"""Permissions of the Fachberatung (docs/permissions.md, "Sharing with advisers").

Objects are a Municipality (grants, log, consultations, publishing), a
PracticeExample, or nothing (the adviser dashboard, the list of practice examples).
An adviser reads a municipality's shared modules only with an active grant of their
advisory organisation (core/sharing.py); the rules here answer the pages around it.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_admin, is_coordinator, municipality_of
from quartier.core.sharing import is_active_adviser


@rules.predicate
def is_adviser(user: Any, obj: Any = None) -> bool:
    """An active adviser (Fachberatung) who belongs to an advisory organisation."""
    return is_active_adviser(user) and user.advisory_organisations.exists()


@rules.predicate
def shares_with_adviser(user: Any, obj: Any = None) -> bool:
    """The municipality has an active grant (any module) for the adviser's
    organisation."""
    from quartier.advisers.models import SharingGrant

    municipality = municipality_of(obj)
    return bool(
        municipality is not None
        and is_active_adviser(user)
        and SharingGrant.objects.of(municipality).active().for_adviser(user).exists()
    )


@rules.predicate
def is_member_somewhere(user: Any, obj: Any = None) -> bool:
    """A member (any role) of some municipality."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.memberships.exists()
    )


@rules.predicate
def is_published(user: Any, example: Any = None) -> bool:
    return example is not None and example.withdrawn_at is None


@rules.predicate
def contact_agreed(user: Any, example: Any = None) -> bool:
    return example is not None and bool(example.contact_consent)


rules.add_perm("advisers.manage_grants", is_admin)
rules.add_perm("advisers.view_adviser_log", is_coordinator)
rules.add_perm("advisers.view_consultations", is_coordinator)
rules.add_perm("advisers.use_dashboard", is_adviser)
rules.add_perm("advisers.view_shared", shares_with_adviser)
rules.add_perm("advisers.add_consultation", shares_with_adviser)
rules.add_perm("advisers.publish_practice", is_coordinator)
rules.add_perm("advisers.withdraw_practice", is_coordinator)
# Practice examples are for the people who do this work elsewhere: members of any
# municipality and advisers; not public (they name a contact person).
rules.add_perm("advisers.view_practice_list", is_member_somewhere | is_adviser)
rules.add_perm(
    "advisers.view_practiceexample",
    (is_member_somewhere | is_adviser) & (is_published | is_coordinator),
)
rules.add_perm(
    "advisers.ask_practice",
    (is_member_somewhere | is_adviser) & is_published & contact_agreed,
)

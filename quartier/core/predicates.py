"""Shared permission predicates (django-rules), one condition each.

Every predicate takes (user, obj) where obj is a Municipality or a tenant-owned row;
apps compose them in their rules.py.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.models import Municipality
from quartier.core.roles import Role, rank


def municipality_of(obj: Any) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def role_of(user: Any, obj: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.role_in(municipality_of(obj))


def _at_least(role: str) -> Any:
    @rules.predicate(name=f"is_{role}_or_more")
    def check(user: Any, obj: Any = None) -> bool:
        return rank(role_of(user, obj)) >= rank(role)

    return check


is_member = _at_least(Role.RESIDENT)
"""Any role in the object's municipality."""
is_partner = _at_least(Role.PARTNER)
is_coordinator = _at_least(Role.COORDINATOR)
"""Coordinator or admin of the object's municipality."""
is_admin = _at_least(Role.ADMIN)


@rules.predicate
def is_public(user: Any, obj: Any = None) -> bool:
    return getattr(obj, "visibility", "public") == "public"


@rules.predicate
def is_not_archived(user: Any, obj: Any = None) -> bool:
    return getattr(obj, "archived_at", None) is None


is_authenticated = rules.is_authenticated
# Advisers (Fachberatung) do not read internal data wholesale: a municipality shares
# single modules with an advisory organisation (core/sharing.py, `adviser_may`).
can_read_internal_pred = is_member


def can_read_internal(user: Any, municipality: Municipality) -> bool:
    """Members of the municipality see its internal data."""
    return bool(can_read_internal_pred.test(user, municipality))

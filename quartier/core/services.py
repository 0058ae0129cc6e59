"""Writes of the core app: municipality settings and neighbourhoods."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from quartier.core.models import AuditEntry, Municipality, Neighborhood


def _check(user: Any, perm: str, obj: Any) -> None:
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


@transaction.atomic
def municipality_update(
    *, by: Any, municipality: Municipality, **fields: Any
) -> Municipality:
    """Change a municipality's settings (admins only); the change is audited."""
    _check(by, "core.change_municipality", municipality)
    for name, value in fields.items():
        setattr(municipality, name, value)
    municipality.full_clean()
    municipality.save()
    AuditEntry.record(
        kind=AuditEntry.Kind.ADMIN_ACTION,
        action="core.change_municipality",
        target=f"{municipality}: {', '.join(sorted(fields))}",
        user=by,
        municipality=municipality,
    )
    return municipality


@transaction.atomic
def neighborhood_save(
    *,
    by: Any,
    municipality: Municipality,
    neighborhood: Neighborhood | None = None,
    **fields: Any,
) -> Neighborhood:
    """Create or change a neighbourhood of `municipality` (admins only)."""
    if neighborhood is None:
        _check(by, "core.add_neighborhood", municipality)
        neighborhood = Neighborhood(municipality=municipality)
    else:
        _check(by, "core.change_neighborhood", neighborhood)
    for name, value in fields.items():
        setattr(neighborhood, name, value)
    neighborhood.full_clean()
    neighborhood.save()
    AuditEntry.record(
        kind=AuditEntry.Kind.ADMIN_ACTION,
        action="core.save_neighborhood",
        target=str(neighborhood),
        user=by,
        municipality=municipality,
    )
    return neighborhood

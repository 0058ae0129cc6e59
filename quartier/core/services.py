"""Writes of the core app: municipality settings and neighbourhoods."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from quartier.core.models import AuditEntry, Municipality, Neighborhood


def ensure_allowed(user: Any, perm: str, obj: Any) -> None:
    """Raise PermissionDenied unless `user` has `perm` on `obj` (every service's
    first line: views check too, but a service must not trust its caller)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def record_action(
    by: Any, municipality: Municipality | None, action: str, target: Any
) -> None:
    """Write an administrative action to the municipality's audit log."""
    AuditEntry.record(
        kind=AuditEntry.Kind.ADMIN_ACTION,
        action=action,
        target=str(target)[:300],
        user=by if getattr(by, "is_authenticated", False) else None,
        municipality=municipality,
    )


def set_archived(*, by: Any, obj: Any, archived: bool) -> Any:
    """Archive (or restore) a tenant row with an `archived_at` field: the one way
    Quartier "deletes" actors, ties, forums and the like, so history stays whole.

    Needs the permission "<app>.archive_<model>"; audited as archive_/restore_<model>.
    """
    meta = obj._meta
    ensure_allowed(by, f"{meta.app_label}.archive_{meta.model_name}", obj)
    obj.archived_at = timezone.now() if archived else None
    fields = ["archived_at"]
    if any(f.name == "updated_at" for f in meta.concrete_fields):
        fields.append("updated_at")
    obj.save(update_fields=fields)
    verb = "archive" if archived else "restore"
    record_action(
        by, obj.municipality, f"{meta.app_label}.{verb}_{meta.model_name}", obj
    )
    return obj


@transaction.atomic
def municipality_update(
    *, by: Any, municipality: Municipality, **fields: Any
) -> Municipality:
    """Change a municipality's settings (admins only); the change is audited."""
    ensure_allowed(by, "core.change_municipality", municipality)
    for name, value in fields.items():
        setattr(municipality, name, value)
    municipality.full_clean()
    municipality.save()
    record_action(
        by,
        municipality,
        "core.change_municipality",
        f"{municipality}: {', '.join(sorted(fields))}",
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
        ensure_allowed(by, "core.add_neighborhood", municipality)
        neighborhood = Neighborhood(municipality=municipality)
    else:
        ensure_allowed(by, "core.change_neighborhood", neighborhood)
    for name, value in fields.items():
        setattr(neighborhood, name, value)
    neighborhood.full_clean()
    neighborhood.save()
    record_action(by, municipality, "core.save_neighborhood", neighborhood)
    return neighborhood

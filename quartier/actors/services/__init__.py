"""Writes of the actors app. Actors and ties are archived, never deleted.

Partners maintain their own organisation (PARTNER_FIELDS), its admins invite and
remove colleagues, and ties become active when both sides agree (docs/actors.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.actors.models import (
    Actor,
    Sector,
    Tie,
    TieStatus,
)
from quartier.core.images import clean_photo
from quartier.core.models import Municipality, Neighborhood
from quartier.core.predicates import is_coordinator
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action, set_archived

ACTOR_FIELDS = (
    "kind",
    "name",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "visibility",
    "logo",
)
# What the members of an actor change themselves. Kind, name and visibility are the
# coordination's: they decide how an organisation appears in the municipality's
# network and who sees it (docs/actors.md).
PARTNER_FIELDS = (
    "description",
    "website",
    "email",
    "phone",
    "address",
    "logo",
)
TIE_FIELDS = ("kind", "intensity", "since", "note")


def _same_municipality(
    municipality: Municipality, objects: Iterable[Any], what: str
) -> None:
    for obj in objects:
        if obj.municipality_id != municipality.pk:
            raise ValidationError({what: _("This belongs to another municipality.")})


@transaction.atomic
def actor_save(
    *,
    by: Any,
    municipality: Municipality,
    actor: Actor | None = None,
    sectors: Iterable[Sector] | None = None,
    neighborhoods: Iterable[Neighborhood] | None = None,
    **fields: Any,
) -> Actor:
    """Create an actor in `municipality` (coordinators), or change `actor`
    (coordinators; its members change PARTNER_FIELDS, sectors and neighbourhoods).
    Every change is kept in the actor's history with who made it."""
    if actor is None:
        ensure_allowed(by, "actors.add_actor", municipality)
        actor = Actor(municipality=municipality)
    else:
        ensure_allowed(by, "actors.change_actor", actor)
    unknown = set(fields) - set(ACTOR_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if not is_coordinator.test(by, municipality):
        reserved = sorted(
            name
            for name in set(fields) - set(PARTNER_FIELDS)
            if fields[name] != getattr(actor, name)
        )
        if reserved:
            raise PermissionDenied(
                _("Only the coordination changes: %s") % ", ".join(reserved)
            )
    if "description" in fields:
        fields["description"] = clean_html(fields["description"] or "")
    if isinstance(fields.get("logo"), UploadedFile):
        # Bounded decoding, at most 1,024 px, no camera metadata (core/images.py).
        fields["logo"] = clean_photo(fields["logo"], max_side=1024, field="logo")
    for name, value in fields.items():
        setattr(actor, name, value if value is not None else "")
    actor.full_clean()
    sectors = list(sectors) if sectors is not None else None
    if sectors is not None and not sectors:
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    neighborhoods = list(neighborhoods) if neighborhoods is not None else None
    if neighborhoods:
        _same_municipality(municipality, neighborhoods, "neighborhoods")
    actor._change_reason = (  # type: ignore[attr-defined]
        "web" if is_coordinator.test(by, municipality) else "partner"
    )
    actor._history_user = by  # type: ignore[attr-defined]  # also outside a request
    actor.save()
    # The key of the new through rows (TenantChild would look the actor up per row).
    key = {"municipality_id": actor.municipality_id}
    if sectors is not None:
        actor.sectors.set(sectors, through_defaults=key)
    if neighborhoods is not None:
        actor.neighborhoods.set(neighborhoods, through_defaults=key)
    record_action(by, municipality, "actors.save_actor", actor)
    return actor


@transaction.atomic
def actor_archive(*, by: Any, actor: Actor, archived: bool = True) -> Actor:
    """Archive (or restore) an actor; its ties stay, its history is kept."""
    return set_archived(by=by, obj=actor, archived=archived)


@transaction.atomic
def tie_save(
    *,
    by: Any,
    municipality: Municipality,
    tie: Tie | None = None,
    source: Actor | None = None,
    target: Actor | None = None,
    **fields: Any,
) -> Tie:
    """Record a tie between two actors of `municipality`, or change one."""
    if tie is None:
        ensure_allowed(by, "actors.add_tie", municipality)
        if source is None or target is None:
            raise ValidationError(_("A tie needs two actors."))
        # Recorded by the coordination: active at once, and marked so on the tie.
        now = timezone.now()
        tie = Tie(
            municipality=municipality,
            status=TieStatus.ACTIVE,
            recorded_by_coordination=True,
            proposed_by=by,
            confirmed_by=by,
            confirmed_at=now,
        )
    else:
        ensure_allowed(by, "actors.change_tie", tie)
    if source is not None:
        tie.source = source
    if target is not None:
        tie.target = target
    _same_municipality(municipality, [tie.source, tie.target], "target")
    if tie.source_id == tie.target_id:
        raise ValidationError({"target": _("An actor cannot have a tie with itself.")})
    unknown = set(fields) - set(TIE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(tie, name, value if value is not None or name == "since" else "")
    tie.full_clean()
    tie._history_user = by  # type: ignore[attr-defined]
    tie.save()
    record_action(by, municipality, "actors.save_tie", tie)
    return tie


@transaction.atomic
def tie_archive(*, by: Any, tie: Tie, archived: bool = True) -> Tie:
    return set_archived(by=by, obj=tie, archived=archived)


# The other writes, one module per area; importable from here as before.
from quartier.actors.services.members import (  # noqa: E402
    invitation_accept,
    invitation_withdraw,
    member_invite,
    member_remove,
    member_set_role,
)
from quartier.actors.services.ties import tie_confirm, tie_end, tie_propose  # noqa: E402

__all__ = [
    "actor_archive",
    "actor_save",
    "invitation_accept",
    "invitation_withdraw",
    "member_invite",
    "member_remove",
    "member_set_role",
    "tie_archive",
    "tie_confirm",
    "tie_end",
    "tie_propose",
    "tie_save",
]

"""Writes of the actors app. Actors and ties are archived, never deleted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.actors.models import Actor, Sector, Tie
from quartier.core.images import clean_photo
from quartier.core.models import Municipality, Neighborhood
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
    """Create an actor in `municipality`, or change `actor` (coordinators)."""
    if actor is None:
        ensure_allowed(by, "actors.add_actor", municipality)
        actor = Actor(municipality=municipality)
    else:
        ensure_allowed(by, "actors.change_actor", actor)
    unknown = set(fields) - set(ACTOR_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
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
    actor._change_reason = "web"  # type: ignore[attr-defined]
    actor.save()
    if sectors is not None:
        actor.sectors.set(sectors)
    if neighborhoods is not None:
        actor.neighborhoods.set(neighborhoods)
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
        tie = Tie(municipality=municipality)
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
    tie.save()
    record_action(by, municipality, "actors.save_tie", tie)
    return tie


@transaction.atomic
def tie_archive(*, by: Any, tie: Tie, archived: bool = True) -> Tie:
    return set_archived(by=by, obj=tie, archived=archived)

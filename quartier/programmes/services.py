"""Writes of the programme library: create and edit programmes (a municipality's
own or the shared library's) with their elements, and copy a shared programme into a
municipality's own library."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.programmes.models import Programme, ProgrammeElement

FIELDS = ("name", "source", "summary", "evidence_level", "target_groups", "links")


@dataclass(frozen=True)
class ElementInput:
    """One row of a programme's element list; `id` names an existing element of the
    programme (kept, so that references to it stay valid), None a new one."""

    name: str
    description: str = ""
    id: int | None = None


def _save_elements(programme: Programme, kind: str, rows: list[ElementInput]) -> None:
    existing = {e.pk: e for e in programme.elements.filter(kind=kind)}
    kept: set[int] = set()
    for position, row in enumerate(rows):
        if row.id is not None:
            element = existing.get(row.id)
            if element is None:
                raise ValidationError(
                    _("An element does not belong to this programme; please reload.")
                )
            kept.add(element.pk)
            if (element.name, element.description, element.position) != (
                row.name,
                row.description,
                position,
            ):
                element.name = row.name
                element.description = row.description
                element.position = position
                element.save()
        else:
            ProgrammeElement.objects.create(
                programme=programme,
                kind=kind,
                position=position,
                name=row.name,
                description=row.description,
            )
    for pk, element in existing.items():
        if pk not in kept:
            if _is_referenced(element):
                raise ValidationError(
                    _(
                        "“%(name)s” is used in the local adaptation of an initiative "
                        "and cannot be removed; rename or describe it instead."
                    )
                    % {"name": element.name}
                )
            element.delete()


def referring_fields() -> list[tuple[type[Any], str]]:
    """Every concrete foreign key to a programme element outside this app (e.g. an
    initiative's record of how it carries the element out), found by walking the
    models, so that this app needs no import of the modules that build on it."""
    return [
        (model, field.name)
        for model in apps.get_models()
        if model._meta.app_label != "programmes"
        for field in model._meta.concrete_fields
        if getattr(field, "related_model", None) is ProgrammeElement
    ]


def _is_referenced(element: ProgrammeElement) -> bool:
    """Would deleting the element take another module's row with it?"""
    return any(
        model._default_manager.filter(**{name: element}).exists()
        for model, name in referring_fields()
    )


def _check_elements(core: list[ElementInput]) -> None:
    if not core:
        raise ValidationError(
            _(
                "Name at least one core element: what must stay as it is for the "
                "programme to work."
            )
        )


@transaction.atomic
def programme_save(
    *,
    by: Any,
    values: dict[str, Any],
    core: list[ElementInput],
    adaptable: list[ElementInput],
    programme: Programme | None = None,
    municipality: Municipality | None = None,
) -> Programme:
    """Create a programme (in `municipality`'s library, or in the shared library
    when `municipality` is None) or change `programme`, with its core and adaptable
    elements in the given order.

    Coordinators write their municipality's library, advisers the shared one.
    """
    if programme is None:
        if municipality is None:
            ensure_allowed(by, "programmes.add_shared_programme", None)
        else:
            ensure_allowed(by, "programmes.add_programme", municipality)
        programme = Programme(municipality=municipality)
        action = (
            "programmes.add_shared_programme"
            if municipality is None
            else "programmes.add_programme"
        )
    else:
        ensure_allowed(by, "programmes.change_programme", programme)
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        action = "programmes.change_programme"
    _check_elements(core)
    for name in FIELDS:
        if name in values:
            setattr(programme, name, values[name])
    programme.full_clean(exclude=["copied_from"])
    programme.save()
    _save_elements(programme, ProgrammeElement.Kind.CORE, core)
    _save_elements(programme, ProgrammeElement.Kind.ADAPTABLE, adaptable)
    record_action(by, programme.municipality, action, programme)
    return programme


@transaction.atomic
def programme_copy(
    *, by: Any, programme: Programme, municipality: Municipality
) -> Programme:
    """Copy a programme of the shared library, with all its elements, into the
    municipality's own library; the copy remembers where it came from. A
    municipality holds one copy of each shared programme."""
    ensure_allowed(by, "programmes.add_programme", municipality)
    if not programme.is_shared:
        raise PermissionDenied(_("Only programmes of the shared library are copied."))
    # Serialises two coordinators copying at once (with the unique constraint).
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    earlier = Programme.objects.filter(
        municipality=municipality, copied_from=programme
    ).first()
    if earlier is not None:
        raise ValidationError(
            _("Your library already holds a copy of this programme: “%(name)s”.")
            % {"name": earlier.name}
        )
    copy = Programme.objects.create(
        municipality=municipality,
        copied_from=programme,
        **{name: getattr(programme, name) for name in FIELDS},
    )
    # One by one, so that each element's history starts with the copy.
    for element in programme.elements.all():
        ProgrammeElement.objects.create(
            programme=copy,
            kind=element.kind,
            position=element.position,
            name=element.name,
            description=element.description,
        )
    record_action(by, municipality, "programmes.copy_programme", copy)
    return copy


def core_elements_differ(programme: Programme) -> bool:
    """Does a copy's list of core elements differ from its origin's (a changed core
    element may break what makes the programme work)?"""
    origin = programme.copied_from
    if origin is None:
        return False

    def core(of: Programme) -> list[tuple[str, str]]:
        return [(e.name.strip(), e.description.strip()) for e in of.core_elements()]

    return core(programme) != core(origin)

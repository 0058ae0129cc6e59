"""Seeds the programme library from `data/programmes.yaml`: the advisers' shared
programmes and Musterstadt's own library (a copy of a shared one, adapted, and one of
its own), written through the programmes services, idempotently."""

from __future__ import annotations

from typing import Any

from quartier.demo import records
from quartier.programmes import services
from quartier.programmes.models import Programme, ProgrammeElement
from quartier.programmes.services import ElementInput

FIELDS = ("name", "source", "summary", "evidence_level")
CORE = ProgrammeElement.Kind.CORE
ADAPTABLE = ProgrammeElement.Kind.ADAPTABLE


def _values(spec: dict[str, Any]) -> dict[str, Any]:
    values = {name: spec[name].strip() for name in FIELDS}
    values["target_groups"] = "\n".join(spec.get("target_groups") or [])
    values["links"] = "\n".join(spec.get("links") or [])
    return values


def _rows(
    programme: Programme | None, kind: str, specs: list[dict[str, Any]]
) -> list[ElementInput]:
    """The wanted elements, keeping the ids of the existing ones by position."""
    existing = (
        list(programme.elements.filter(kind=kind).order_by("position", "pk"))
        if programme
        else []
    )
    return [
        ElementInput(
            name=spec["name"],
            description=spec.get("description", "").strip(),
            id=existing[i].pk if i < len(existing) else None,
        )
        for i, spec in enumerate(specs)
    ]


def _same(programme: Programme, values: dict[str, Any], wanted: dict[str, Any]) -> bool:
    if any(getattr(programme, name) != value for name, value in values.items()):
        return False
    for kind, specs in wanted.items():
        current = [
            (e.name, e.description)
            for e in programme.elements.filter(kind=kind).order_by("position", "pk")
        ]
        if current != [(s["name"], s.get("description", "").strip()) for s in specs]:
            return False
    return True


def _write(
    *,
    found: Programme | None,
    by: Any,
    municipality: Any,
    values: dict[str, Any],
    core: list[dict[str, Any]],
    adaptable: list[dict[str, Any]],
    summary: records.Summary,
) -> Programme:
    wanted = {CORE: core, ADAPTABLE: adaptable}
    if found is not None and _same(found, values, wanted):
        summary.add("programme", "unchanged")
        return found
    programme = services.programme_save(
        by=by,
        programme=found,
        municipality=municipality,
        values=values,
        core=_rows(found, CORE, core),
        adaptable=_rows(found, ADAPTABLE, adaptable),
    )
    summary.add("programme", "created" if found is None else "updated")
    return programme


def load(summary: records.Summary) -> None:
    """Write the demo's programme library."""
    data = records.read("programmes")
    adviser = records.get_user(data["curated_by"])
    shared: dict[str, tuple[Programme, dict[str, Any]]] = {}
    for spec in data["shared"]:
        values = _values(spec)
        found = Programme.objects.shared().filter(name=values["name"]).first()
        shared[spec["key"]] = (
            _write(
                found=found,
                by=adviser,
                municipality=None,
                values=values,
                core=spec["core"],
                adaptable=spec["adaptable"],
                summary=summary,
            ),
            spec,
        )
    for slug, library in data["own"].items():
        municipality = records.get_municipality(slug)
        coordinator = records.get_user(library["by"])
        for spec in library["programmes"]:
            if "copy_of" in spec:
                origin, origin_spec = shared[spec["copy_of"]]
                spec = {**origin_spec, **spec}
                found = Programme.objects.filter(
                    municipality=municipality, copied_from=origin
                ).first()
                if found is None:
                    # As a coordinator does it: copy first, then adapt.
                    found = services.programme_copy(
                        by=coordinator, programme=origin, municipality=municipality
                    )
            else:
                found = Programme.objects.filter(
                    municipality=municipality, name=spec["name"]
                ).first()
            _write(
                found=found,
                by=coordinator,
                municipality=municipality,
                values=_values(spec),
                core=spec["core"],
                adaptable=spec["adaptable"],
                summary=summary,
            )

"""Seeds Musterstadt's initiatives from `data/initiatives.yaml`: phases with their
dated history, checklists, pilots, local adaptations of the programme library,
responsibilities, follow-ups, health-in-all-policies checks and links to the other
modules' demo objects, idempotently (rows are found by their natural keys)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.directory.models import TaxonomyTerm
from quartier.initiatives import services
from quartier.initiatives.links import PREFIX, TARGETS_BY_KEY
from quartier.initiatives.models import (
    Adaptation,
    ChecklistItem,
    ElementFit,
    FollowUp,
    HealthCheck,
    Initiative,
    InitiativeLink,
    InitiativePartner,
    PhaseChange,
    Pilot,
    Responsibility,
)

# How a link in the data names its target: the field holding its natural key.
LOOKUP = {
    "contribution": "title",
    "forum": "name",
    "meeting": "title",
    "decision": "text__startswith",
    "application": "title",
    "offering": "name",
    "survey": "title",
    "booking": "purpose",
}


def _target(municipality: Any, kind: str, key: str) -> Any:
    model = apps.get_model(TARGETS_BY_KEY[PREFIX + kind].model)
    found = (
        model._default_manager.filter(municipality=municipality, **{LOOKUP[kind]: key})
        .order_by("pk")
        .first()
    )
    if found is None:
        raise LookupError(f"initiatives.yaml: no {kind} {key!r} in the demo")
    return found


def _history(initiative: Initiative, spec: dict[str, Any], by: Any) -> None:
    wanted = []
    previous = ""
    for phase, when, comment in spec["history"]:
        wanted.append((previous, phase, records.day(when), comment))
        previous = phase
    current = list(
        initiative.phase_changes.order_by("changed_on", "pk").values_list(
            "old_phase", "new_phase", "changed_on", "comment"
        )
    )
    if current == wanted:
        return
    initiative.phase_changes.all().delete()
    PhaseChange.objects.bulk_create(
        PhaseChange(
            initiative=initiative,
            old_phase=old,
            new_phase=new,
            changed_on=on,
            changed_by=by,
            comment=comment,
        )
        for old, new, on, comment in wanted
    )


def _checklists(initiative: Initiative, spec: dict[str, Any]) -> None:
    """Every phase reached has its checklist; phases left behind are done."""
    municipality = initiative.municipality
    services.ensure_default_checklists(municipality)
    reached = [phase for phase, _when, _comment in spec["history"]]
    defaults = list(
        apps.get_model("initiatives", "ChecklistTemplateItem").objects.of(municipality)
    )
    done_at = timezone.now()
    for phase in dict.fromkeys(reached):
        if phase == "ended":
            continue
        for item in defaults:
            if item.phase != phase:
                continue
            row, _created = ChecklistItem.objects.get_or_create(
                initiative=initiative,
                phase=phase,
                text=item.text,
                defaults={"position": item.position},
            )
            finished = phase != initiative.phase or item.position == 0
            if finished and row.done_at is None:
                row.done_at = done_at
                row.save(update_fields=["done_at"])


def _pilots(initiative: Initiative, specs: list[dict[str, Any]]) -> None:
    for spec in specs:
        values = {
            "hypothesis_then": spec["then"].strip(),
            "measured_by": spec["measured_by"].strip(),
            "starts_on": records.day(spec["starts_on"]),
            "ends_on": records.day(spec["ends_on"]),
            "observed": spec.get("observed", "").strip(),
            "learning": spec.get("learning", "").strip(),
            "decision": spec.get("decision", ""),
            "changes": spec.get("changes", "").strip(),
            "decided_on": records.day(spec["decided_on"])
            if spec.get("decided_on")
            else None,
        }
        Pilot.objects.update_or_create(
            initiative=initiative, hypothesis_if=spec["if"].strip(), defaults=values
        )


def _adaptation(initiative: Initiative, spec: dict[str, Any]) -> None:
    from quartier.programmes.models import Programme

    programme = Programme.objects.get(
        municipality=initiative.municipality, name=spec["programme"]
    )
    adaptation, _created = Adaptation.objects.update_or_create(
        initiative=initiative,
        defaults={
            "programme": programme,
            "needs_analysis": spec["needs_analysis"].strip(),
        },
    )
    elements = {e.name: e for e in programme.elements.all()}
    for fit in spec["fits"]:
        ElementFit.objects.update_or_create(
            adaptation=adaptation,
            element=elements[fit["element"]],
            defaults={
                "kept": fit["kept"],
                "local_version": fit.get("local", "").strip(),
                "why": fit.get("why", "").strip(),
            },
        )


def _team(initiative: Initiative, spec: dict[str, Any], by: Any) -> None:
    municipality = initiative.municipality
    for key, role in (spec.get("partners") or {}).items():
        InitiativePartner.objects.update_or_create(
            initiative=initiative,
            actor=records.get_actor(municipality, key),
            defaults={"role": role},
        )
    for role, key, task in spec.get("responsibilities") or []:
        Responsibility.objects.get_or_create(
            initiative=initiative,
            role=role,
            actor=records.get_actor(municipality, key),
            defaults={"task": task},
        )
    for when, note in spec.get("follow_ups") or []:
        FollowUp.objects.get_or_create(
            initiative=initiative,
            note=note,
            defaults={"due_on": records.day(when), "person": by},
        )


def _health_check(initiative: Initiative, spec: dict[str, Any] | None) -> None:
    if not spec:
        return
    values = {
        name: spec.get(name, "") for name in ("benefits", "left_out", "equity_notes")
    }
    values["departments"] = spec.get("departments", "")
    for name in ("reaches_low_income", "reaches_without_german", "reaches_disabled"):
        values[name] = spec.get(name, "unknown")
    values["layers"] = sorted(spec.get("layers") or [])
    HealthCheck.objects.update_or_create(initiative=initiative, defaults=values)


def _links(initiative: Initiative, specs: list[dict[str, str]]) -> None:
    for spec in specs:
        ((kind, key),) = spec.items()
        target = _target(initiative.municipality, kind, key)
        InitiativeLink.objects.get_or_create(
            initiative=initiative, kind=PREFIX + kind, object_id=str(target.pk)
        )


def load(summary: records.Summary) -> None:
    """Write the demo's initiatives."""
    data = records.read("initiatives")
    municipality = records.get_municipality(data["municipality"])
    by = records.get_user(data["by"])
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    terms = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.of(municipality)}
    for spec in data["initiatives"]:
        phase, since, _comment = spec["history"][-1]
        values = {
            "summary": " ".join(spec["summary"].split()),
            "description": " ".join(spec.get("description", "").split()),
            "lead_actor": records.get_actor(municipality, spec["lead_actor"]),
            "starts_on": records.day(spec["starts_on"])
            if spec.get("starts_on")
            else None,
            "planned_end_on": records.day(spec["planned_end_on"])
            if spec.get("planned_end_on")
            else None,
            "phase": phase,
            "phase_since": records.day(since),
            "end_reason": _comment if phase == "ended" else "",
            "visibility": spec.get("visibility", "public"),
        }
        initiative = records.upsert(
            Initiative,
            {"municipality": municipality, "title": spec["title"]},
            values,
            summary,
            "initiative",
        )
        records.set_m2m(
            initiative,
            "neighborhoods",
            [neighborhoods[s] for s in spec["neighborhoods"]],
        )
        records.set_m2m(
            initiative,
            "topics",
            [terms[("topic", c)] for c in spec.get("topics") or []],
        )
        records.set_m2m(
            initiative,
            "target_groups",
            [terms[("target_group", c)] for c in spec.get("target_groups") or []],
        )
        _history(initiative, spec, by)
        _checklists(initiative, spec)
        _pilots(initiative, spec.get("pilots") or [])
        if spec.get("adaptation"):
            _adaptation(initiative, spec["adaptation"])
        _team(initiative, spec, by)
        _health_check(initiative, spec.get("health_check"))
        _links(initiative, spec["links"])

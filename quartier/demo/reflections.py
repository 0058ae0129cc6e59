"""Seeds reflections and their adaptations (the reflections app) from
`data/reflections.yaml`: three reflections (a meeting, the first closed compass
round, an initiative) whose seven adaptations are decisions of the register in every
state — done, open, late (due date passed) and dropped (rejected) — and three
changes to texts of other modules: a forum's mandate and an initiative's plan
(applied, in their change logs) and a fund's rules (proposed)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from quartier.compass.models import Round, RoundStatus
from quartier.compass.results import compute_round
from quartier.core.adaptable_texts import get as adaptable
from quartier.demo import records
from quartier.demo.records import upsert
from quartier.forums.models import (
    AgendaItem,
    Decision,
    DecisionKind,
    DecisionStatusChange,
    Forum,
    Meeting,
    Responsibility,
)
from quartier.funds.models import Fund
from quartier.initiatives.models import Initiative
from quartier.reflections.models import Adaptation, Reflection, TextChange

SLUG = "musterstadt"
COMMENTS = {"done": "Umgesetzt.", "rejected": "Nach Beratung verworfen."}


def _subject(municipality: Any, spec: dict[str, Any], meetings: dict) -> dict:
    kind, _, key = spec["subject"].partition(":")
    if kind == "meeting":
        return {"meeting": meetings[key]}
    if kind == "initiative":
        return {"initiative": Initiative.objects.of(municipality).get(title=key)}
    round_ = (
        Round.objects.of(municipality)
        .filter(status=RoundStatus.CLOSED)
        .order_by("closed_at", "pk")
        .first()
    )
    ranked = compute_round(round_).ranked
    return {
        "compass_round": round_,
        "compass_field": ranked[0].field if ranked else None,
    }


def load(summary: records.Summary) -> None:
    municipality = records.get_municipality(SLUG)
    who = records.Who(municipality)
    coordinator = records.get_user("koordination@musterstadt.example")
    titles = {m["key"]: m["title"] for m in records.read("forums")["meetings"]}
    meetings = {
        key: Meeting.objects.of(municipality).get(title=title)
        for key, title in titles.items()
    }
    for spec in records.read("reflections")["reflections"]:
        reflection = upsert(
            Reflection,
            {"municipality": municipality, "title": spec["title"]},
            {
                "held_on": records.day(spec["held_on"]),
                "what": spec["what"].strip(),
                "so_what": spec["so_what"].strip(),
                "now_what": spec["now_what"].strip(),
                **_subject(municipality, spec, meetings),
            },
            summary,
            "reflection",
        )
        for item_spec in spec["adaptations"]:
            key, position = item_spec["item"].split(" ")
            item = AgendaItem.objects.get(meeting=meetings[key], position=int(position))
            decided_on = timezone.localdate(item.meeting.starts_at)
            status = item_spec["status"]
            decision = upsert(
                Decision,
                {"municipality": municipality, "number": item_spec["number"]},
                {
                    "forum": item.meeting.forum,
                    "agenda_item": item,
                    "text": item_spec["text"],
                    "rationale": f"Anpassung aus der Reflexion „{reflection.title}“.",
                    "kind": DecisionKind.AGREEMENT,
                    "status": status,
                    "decided_on": decided_on,
                    "due_date": max(records.day(item_spec["due"]), decided_on),
                },
                summary,
                "decision",
            )
            role_kind, actor = who(item_spec["responsible"])
            _, created = Responsibility.objects.get_or_create(
                decision=decision, role="R", **{role_kind: actor}
            )
            summary.add("responsibility", "created" if created else "unchanged")
            changes = [("", "open", "Aus der Reflexion beschlossen.")]
            if status != "open":
                changes.append(("open", status, COMMENTS[status]))
            for old, new, comment in changes:
                upsert(
                    DecisionStatusChange,
                    {"decision": decision, "old_status": old, "new_status": new},
                    {"comment": comment, "changed_by": coordinator},
                    summary,
                    "status change",
                )
            _, created = Adaptation.objects.get_or_create(
                reflection=reflection, decision=decision
            )
            summary.add("adaptation", "created" if created else "unchanged")
        _text_changes(reflection, spec.get("text_changes", []), coordinator, summary)


def _changed_object(municipality: Any, ref: str) -> Any:
    kind, _, key = ref.partition(":")
    if kind == "forum":
        return Forum.objects.of(municipality).get(slug=key)
    if kind == "initiative":
        return Initiative.objects.of(municipality).get(title=key)
    return Fund.objects.of(municipality).get(slug=key)


def _text_changes(
    reflection: Reflection, specs: list[dict[str, Any]], by: Any, summary: Any
) -> None:
    """The text as the other seeders wrote it is the text after an applied change
    (so seeding again changes nothing); a proposed change adds to it."""
    for spec in specs:
        text = adaptable(spec["text"])
        obj = _changed_object(reflection.municipality, spec["object"])
        current = text.current(obj)
        values: dict[str, Any] = {
            "municipality": reflection.municipality,
            "object_title": text.describe(obj),
            "reason": " ".join(spec["reason"].split()),
            "state": spec["state"],
            "proposed_by": by,
        }
        if spec["state"] == "applied":
            decided = records.at(records.day(spec["applied"]), "10:00")
            values.update(
                before=" ".join(spec["before"].split()),
                after=current,
                decided_by=by,
                decided_at=decided,
                proposed_at=decided,
                due_date=None,
            )
        else:
            addition = " ".join(spec["add"].split())
            after = (
                current.replace("</ul>", addition + "</ul>", 1)
                if "</ul>" in current
                else f"{current}{addition}"
            )
            values.update(
                before=current,
                after=after,
                due_date=records.day(spec["due"]),
                proposed_at=records.at(reflection.held_on, "10:00"),
            )
        upsert(
            TextChange,
            {"reflection": reflection, "key": text.key, "object_id": str(obj.pk)},
            values,
            summary,
            "text change",
        )

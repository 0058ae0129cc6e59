"""Seeds reflections and their adaptations (the reflections app) from
`data/reflections.yaml`: three reflections (a meeting, the first closed compass
round, an initiative) whose seven adaptations are decisions of the register in every
state — done, open, late (due date passed) and dropped (rejected)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from quartier.compass.models import Round, RoundStatus
from quartier.compass.results import compute_round
from quartier.demo import records
from quartier.demo.records import upsert
from quartier.forums.models import (
    AgendaItem,
    Decision,
    DecisionKind,
    DecisionStatusChange,
    Meeting,
    Responsibility,
)
from quartier.initiatives.models import Initiative
from quartier.reflections.models import Adaptation, Reflection

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

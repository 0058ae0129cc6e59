"""Seeds Musterstadt's glossary and Leitbild (glossary app) from
`data/glossary.yaml`: the adopting decisions, terms, agreed versions, disputed
proposals with comments, and the Leitbild's versions."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from quartier.core.sanitize import clean_html
from quartier.demo import records
from quartier.forums.models import Decision, DecisionStatusChange, Responsibility
from quartier.glossary.models import (
    AgreedDefinition,
    LeitbildVersion,
    ProposalComment,
    ProposedDefinition,
    Term,
)


def _decision(municipality: Any, spec: dict[str, Any], summary: Any) -> Decision:
    base = Decision.objects.get(municipality=municipality, number=spec["on_item_of"])
    decision = records.upsert(
        Decision,
        {"municipality": municipality, "number": spec["number"]},
        {
            "forum": base.forum,
            "agenda_item": base.agenda_item,
            "text": " ".join(spec["text"].split()),
            "kind": base.kind,
            "status": "done",
            "decided_on": base.decided_on,
        },
        summary,
        "decision",
    )
    # Like every decision of the register: who carries it out (R, taken from the
    # decision whose agenda item it shares) and its path from "open" to "done".
    for responsibility in base.responsibilities.filter(role="R"):
        _, created = Responsibility.objects.get_or_create(
            decision=decision,
            role="R",
            actor=responsibility.actor,
            user=responsibility.user,
        )
        summary.add("responsibility", "created" if created else "unchanged")
    recorder = base.status_changes.earliest("changed_at").changed_by
    for old, new, comment in (
        ("", "open", "Im Forum beschlossen."),
        ("open", "done", "Glossar und Leitbild auf der Plattform veröffentlicht."),
    ):
        records.upsert(
            DecisionStatusChange,
            {"decision": decision, "old_status": old, "new_status": new},
            {"comment": comment, "changed_by": recorder},
            summary,
            "decision status change",
        )
    return decision


def load(summary: records.Summary) -> None:
    for slug, world in records.read("glossary").items():
        municipality = records.get_municipality(slug)
        decisions = {
            spec["number"]: _decision(municipality, spec, summary)
            for spec in world["decisions"]
        }
        for spec in world["terms"]:
            term = records.upsert(
                Term,
                {"municipality": municipality, "slug": slugify(spec["term"])},
                {"term": spec["term"]},
                summary,
                "glossary term",
            )
            for version in spec.get("agreed", []):
                decision = decisions[version["decision"]]
                records.upsert(
                    AgreedDefinition,
                    {"term": term, "decision": decision},
                    {
                        "text": version["text"].strip(),
                        "valid_from": decision.decided_on,
                    },
                    summary,
                    "agreed definition",
                )
            for proposal_spec in spec.get("proposals", []):
                proposal = records.upsert(
                    ProposedDefinition,
                    {"term": term, "text": proposal_spec["text"].strip()},
                    {"proposed_by": records.get_user(proposal_spec["by"])},
                    summary,
                    "proposed definition",
                )
                for comment in proposal_spec.get("comments", []):
                    records.upsert(
                        ProposalComment,
                        {"proposal": proposal, "text": comment["text"].strip()},
                        {"author": records.get_user(comment["by"])},
                        summary,
                        "comment on a proposed definition",
                    )
        for version in world["leitbild"]:
            decision = decisions[version["decision"]]
            records.upsert(
                LeitbildVersion,
                {"municipality": municipality, "decision": decision},
                {
                    "text": clean_html(version["text"]).strip(),
                    "valid_from": decision.decided_on,
                },
                summary,
                "Leitbild version",
            )

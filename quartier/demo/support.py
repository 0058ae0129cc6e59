"""Seeds the Quartiers-Check and the support offers (the support app) from
`data/support.yaml`: 25 offers across the five kinds (23 state-wide, 2 local ones of
Musterstadt) with deadlines relative to today; check rounds for Musterstadt (2025
closed with next steps, some done; 2026 open, with the team's own answers and
results that take or override Quartier's data suggestions), Beispielheim and the
three small municipalities."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.core.check_suggestions import as_dicts, suggestions_for
from quartier.demo import records
from quartier.demo.records import upsert
from quartier.support.models import (
    CheckAnswer,
    CheckResult,
    CheckRound,
    NextStep,
    OfferDeadline,
    RoundStatus,
    SupportOffer,
)
from quartier.support.questions import BY_KEY
from quartier.support.services import next_steps_refresh


def _keys(values: list[str] | None) -> str:
    return "|" + "|".join(values) + "|" if values else ""


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _offers(summary: records.Summary) -> None:
    for spec in records.read("support")["offers"]:
        slug = spec.get("municipality")
        municipality = records.get_municipality(slug) if slug else None
        offer = upsert(
            SupportOffer,
            {"municipality": municipality, "title": spec["title"]},
            {
                "kind": spec["kind"],
                "provider": spec["provider"],
                "description": spec["description"].strip(),
                "audience": spec.get("audience", ""),
                "conditions": spec.get("conditions", ""),
                "contact": spec.get("contact", ""),
                "link": spec.get("link", ""),
                "recommendations": _keys(spec.get("recommendations")),
                "phases": _keys(spec.get("phases")),
                "amount_min": _money(spec.get("amount_min")),
                "amount_max": _money(spec.get("amount_max")),
                "cofinancing_percent": spec.get("cofinancing_percent"),
            },
            summary,
            "support offer",
        )
        wanted = [
            (records.day(d["due"]), d["label"]) for d in spec.get("deadlines", [])
        ]
        have = list(offer.deadlines.values_list("due_on", "label"))
        if have != wanted:
            offer.deadlines.all().delete()
            OfferDeadline.objects.bulk_create(
                OfferDeadline(offer=offer, due_on=due_on, label=label)
                for due_on, label in wanted
            )


def _results(
    check_round: CheckRound, spec: dict[str, Any], summary: records.Summary
) -> None:
    # Only an open round takes today's suggestions; a closed one keeps its numbers.
    suggestions = (
        suggestions_for(check_round.municipality) if check_round.is_open else {}
    )
    reasons = spec.get("reasons", {})
    for key, values in spec["results"].items():
        for question, given in zip(BY_KEY[key].questions, values, strict=True):
            found = suggestions.get(question.key)
            if isinstance(given, str):  # "data" or "data/2": the suggestion, else 2
                _word, _slash, fallback = given.partition("/")
                if found is None and not fallback:
                    raise ValueError(f"No suggestion for {question.key} in the demo")
                given = found.value if found else int(fallback)
            else:
                given = int(given)
            reason = reasons.get(question.key, "").strip()
            if reason and found is not None:
                # The team overrides the suggestion: one step below it.
                given = max(1, found.value - 1)
            upsert(
                CheckResult,
                {"round": check_round, "question": question.key},
                {
                    "value": given,
                    "suggested_value": found.value if found else None,
                    "suggestion_rule": found.rule if found else "",
                    "links": as_dicts(found.evidence) if found else [],
                    "reason": reason,
                },
                summary,
                "check result",
            )


def _answers(
    check_round: CheckRound, spec: dict[str, Any], summary: records.Summary
) -> None:
    for email, by_rec in spec.get("answers", {}).items():
        person = records.get_user(email)
        for key, values in by_rec.items():
            for question, value in zip(BY_KEY[key].questions, values, strict=True):
                upsert(
                    CheckAnswer,
                    {"round": check_round, "question": question.key, "person": person},
                    {"value": value},
                    summary,
                    "check answer",
                )


def load(summary: records.Summary) -> None:
    _offers(summary)
    for spec in records.read("support")["rounds"]:
        municipality = records.get_municipality(spec["municipality"])
        closed = records.day(spec["closed"]) if spec.get("closed") else None
        check_round = upsert(
            CheckRound,
            {"municipality": municipality, "year": spec["year"]},
            {
                "status": RoundStatus.CLOSED if closed else RoundStatus.OPEN,
                "closed_on": closed,
                "opened_on": datetime.date(spec["year"], 1, 15),
            },
            summary,
            "check round",
        )
        _results(check_round, spec, summary)
        _answers(check_round, spec, summary)
        next_steps_refresh(check_round=check_round)
        done = set(spec.get("steps_done", []))
        for step in NextStep.objects.filter(round=check_round, action__in=done):
            if step.done_on is None:
                step.done_on = closed or timezone.localdate()
                step.save(update_fields=["done_on"])

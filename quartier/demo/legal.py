"""Seeds Musterstadt's legal pages, its accessibility details and feedback (legal
app) from `data/legal.yaml`."""

from __future__ import annotations

from typing import Any

from quartier.demo import records
from quartier.legal.models import (
    AccessibilityFeedback,
    AccessibilitySettings,
    LegalPage,
    clean_legal_html,
    due_on,
)


def _feedback(municipality: Any, spec: dict[str, Any], weeks: int) -> dict[str, Any]:
    received = records.moment(spec["received"])
    values: dict[str, Any] = {
        "page": spec["page"],
        "name": spec.get("name") or "",
        "email": spec.get("email") or "",
        "received_at": received,
        "due_on": due_on(received, weeks),
        "status": AccessibilityFeedback.Status.OPEN,
        "answer": "",
        "answered_at": None,
        "answered_by": None,
    }
    if spec.get("answered"):
        values.update(
            status=AccessibilityFeedback.Status.ANSWERED,
            answer=spec["answer"].strip(),
            answered_at=records.moment(spec["answered"]),
            answered_by=records.get_user(spec["answered_by"]),
        )
    return values


def load(summary: records.Summary) -> None:
    for slug, world in records.read("legal").items():
        municipality = records.get_municipality(slug)
        for kind, body in world["pages"].items():
            records.upsert(
                LegalPage,
                {"municipality": municipality, "kind": kind},
                {"body": clean_legal_html(body)},
                summary,
                "legal page",
            )
        details = dict(world["accessibility"])
        details["reviewed_on"] = records.day(details.pop("reviewed"))
        for name in ("known_limitations", "contact", "enforcement_body"):
            details[name] = details[name].strip()
        records.upsert(
            AccessibilitySettings,
            {"municipality": municipality},
            details,
            summary,
            "accessibility details",
        )
        for spec in world["feedback"]:
            records.upsert(
                AccessibilityFeedback,
                {"municipality": municipality, "text": spec["text"]},
                _feedback(municipality, spec, details["feedback_weeks"]),
                summary,
                "accessibility feedback",
            )

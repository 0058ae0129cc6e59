"""Seeds the Spannungsfelder-Kompass of Musterstadt from `data/compass.yaml`: two
rounds of 20 assessments from five perspectives. Rows are found by natural keys
(round title, person, field), so a second run changes nothing."""

from __future__ import annotations

import datetime

from django.utils import timezone

from quartier.compass.models import Assessment, Position, Round, TensionField
from quartier.compass.services import default_fields_ensure
from quartier.demo import records

SLUG = "musterstadt"
SEASONS = {12: "Winter", 1: "Winter", 2: "Winter", 3: "Frühjahr", 4: "Frühjahr"}
SEASONS |= {5: "Frühjahr", 6: "Sommer", 7: "Sommer", 8: "Sommer"}
SEASONS |= {9: "Herbst", 10: "Herbst", 11: "Herbst"}


def round_title(template: str, opened: datetime.datetime) -> str:
    """ "{season} {year}" of the day a round opened, e.g. "Herbst 2026"."""
    local = timezone.localtime(opened)
    return template.format(season=SEASONS[local.month], year=local.year)


def load(summary: records.Summary) -> None:
    """Write the compass demo data (two rounds, 40 assessments)."""
    data = records.read("compass")
    municipality = records.get_municipality(SLUG)
    default_fields_ensure(municipality=municipality)
    fields = list(TensionField.objects.of(municipality).order_by("order", "pk"))[:5]
    keys = {f"f{i}": field for i, field in enumerate(fields)}
    people, perspectives = {}, {}
    for person in data["people"]:
        people[person["email"]] = records.seed_person(
            {**person, "memberships": {SLUG: "resident"}}, summary
        )
        perspectives[person["email"]] = person["perspective"]
    today = timezone.localdate()
    for spec in data["rounds"]:
        opened = records.moment(spec["opened"], today)
        closed = records.moment(spec["closed"], today) if spec["closed"] else None
        round = records.upsert(
            Round,
            {"municipality": municipality, "title": round_title(spec["title"], opened)},
            {
                "status": spec["status"],
                "opened_at": opened,
                "closed_at": closed,
                "description": spec["description"],
            },
            summary,
            "compass round",
        )
        for item in spec["assessments"]:
            assessment = records.upsert(
                Assessment,
                {
                    "municipality": municipality,
                    "round": round,
                    "user": people[item["person"]],
                },
                {"perspective": perspectives[item["person"]]},
                summary,
                "compass assessment",
            )
            for key, (current, target) in item["positions"].items():
                records.upsert(
                    Position,
                    {"assessment": assessment, "field": keys[key]},
                    {
                        "current": current,
                        "target": target,
                        "comment": item.get("comments", {}).get(key, ""),
                    },
                    summary,
                    "compass position",
                )

"""Seeds a year of time entries (learning app) from `data/learning.yaml`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.learning.models import TimeEntry, TimeTrackingSetting

SLUG = "musterstadt"
MONTHS = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
).split()


def entries(worker: dict[str, Any], today: datetime.date) -> list[dict[str, Any]]:
    """The entries of one worker over the last year, newest first. A topic that is a
    month names the month of the entry's date."""
    result = []
    activities = worker["activities"]
    for k, topic in enumerate(worker["topics"]):
        days_ago = 2 + k * worker["every"]
        if days_ago > 364:
            break
        date = today - datetime.timedelta(days=days_ago)
        if topic in MONTHS:
            topic = MONTHS[date.month - 1]
        activity = activities[k % len(activities)]
        result.append(
            {
                "date": date,
                "category": activity["category"],
                "hours": Decimal(str(activity["hours"])),
                "note": activity["note"].format(topic=topic),
            }
        )
    return result


def load(summary: records.Summary) -> None:
    """Write a year of time entries for the demo world."""
    municipality = records.get_municipality(SLUG)
    today = timezone.localdate()
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    who = records.Who(municipality)
    data = records.read("learning")
    tracking = data["time_tracking"]
    records.upsert(
        TimeTrackingSetting,
        {"municipality": municipality},
        {
            "mode": tracking["mode"],
            "agreement_note": tracking["agreement_note"],
            "confirmed_by": who("user:" + tracking["confirmed_by"])[1],
        },
        summary,
        "time entry setting",
    )
    # Once, so that a second run leaves the setting unchanged.
    TimeTrackingSetting.objects.filter(
        municipality=municipality, confirmed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    for worker in data["workers"]:
        kind, obj = who(worker["who"])
        person = {"actor": obj, "person": None} if kind == "actor" else None
        person = person or {"person": obj, "actor": None}
        recorder = who("user:" + worker["by"])[1]
        for entry in entries(worker, today):
            records.upsert(
                TimeEntry,
                {"municipality": municipality, **person, "note": entry["note"]},
                {
                    "date": entry["date"],
                    "hours": entry["hours"],
                    "category": entry["category"],
                    "neighborhood": neighborhoods.get(worker["neighborhood"]),
                    "created_by": recorder,
                },
                summary,
                "time entry",
            )

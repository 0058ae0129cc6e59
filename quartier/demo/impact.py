"""Seeds goals, impact models, indicators and two years of measurements (the impact
app) from `data/impact.yaml`. Recorded series are laid out by a rule (linear from
`from` to `to`, with a small alternating wiggle); computed ones are computed from the
demo's own data on each month's last day, so they agree with the rest of the demo."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.core import indicator_sources
from quartier.core.indicator_sources import NotAvailable
from quartier.core.models import Neighborhood
from quartier.core.sanitize import clean_html
from quartier.demo import records
from quartier.forums.models import Decision
from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement
from quartier.impact.services import window_start
from quartier.initiatives.models import Initiative

SLUG = "musterstadt"
MONTHS = 24


def month_ends(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """The last day of each of the `count` months before this one, oldest first."""
    first = today.replace(day=1)
    days = []
    for _ in range(count):
        first = first - datetime.timedelta(days=1)  # the last day of the month before
        days.append(first)
        first = first.replace(day=1)
    return list(reversed(days))


def series(
    spec: dict[str, Any], days: list[datetime.date]
) -> list[tuple[Any, Decimal]]:
    """A recorded series: every `every` months from the oldest day, `from` → `to`."""
    picked = days[:: spec["every"]]
    if picked[-1] != days[-1]:
        picked.append(days[-1])
    start, end, wiggle = spec["from"], spec["to"], spec.get("wiggle", 0)
    steps = max(1, len(picked) - 1)
    result = []
    for i, day in enumerate(picked):
        value = start + (end - start) * i / steps
        if 0 < i < steps:
            value += (wiggle, -wiggle, 0)[i % 3]
        result.append((day, Decimal(round(value)).quantize(Decimal("1"))))
    return result


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return datetime.date(year, month % 12 + 1, 1) - datetime.timedelta(days=1)


def load(summary: records.Summary) -> None:
    municipality = records.get_municipality(SLUG)
    today = timezone.localdate()
    days = month_ends(today)
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    for spec in records.read("impact")["goals"]:
        decision = (
            Decision.objects.of(municipality).filter(number=spec["decision"]).first()
        )
        goal = records.upsert(
            Goal,
            {"municipality": municipality, "title": spec["title"]},
            {
                "narrative": clean_html(spec["narrative"].strip()),
                "decision": decision,
                "neighborhood": neighborhoods.get(spec.get("neighborhood", "")),
                "visibility": "public",
            },
            summary,
            "goal",
        )
        initiatives = Initiative.objects.of(municipality).filter(
            title__in=spec.get("initiatives", [])
        )
        if records.set_m2m(goal, "initiatives", initiatives):
            summary.add("goal link", "updated")
        if "model" not in spec:
            continue
        model_spec = spec["model"]
        values = {f"stage_{n}": model_spec["stages"].get(n, "") for n in range(1, 8)}
        values |= {
            f"assumption_{n}": model_spec["assumptions"].get(n, "") for n in range(1, 7)
        }
        model = records.upsert(
            ImpactModel,
            {"municipality": municipality, "goal": goal},
            values,
            summary,
            "impact model",
        )
        for ind in spec["indicators"]:
            _indicator(model, ind, days, summary)


def _indicator(
    model: ImpactModel,
    spec: dict[str, Any],
    days: list[datetime.date],
    summary: records.Summary,
) -> None:
    computed = "source" in spec
    values: dict[str, Any] = {
        "stage": spec["stage"],
        "unit": spec["unit"],
        "kind": "computed" if computed else "recorded",
        "source_key": spec.get("source", ""),
        "source_option": spec.get("option", ""),
        "window": spec.get("window", "year"),
        "source_text": spec.get("source_text", ""),
        "target_value": Decimal(spec["target"]),
        "target_date": _add_months(days[-1], spec["target_in_months"]),
        "direction": spec.get("direction", "up"),
    }
    if computed:
        points = []
        probe = Indicator(window=values["window"])
        for day in days:
            try:
                value = indicator_sources.compute(
                    values["source_key"],
                    model.municipality,
                    model.neighborhood,
                    window_start(probe, day),
                    day,
                    values["source_option"] or None,
                )
            except NotAvailable:
                continue
            points.append((day, Decimal(value).quantize(Decimal("0.01"))))
    else:
        points = series(spec, days)
    first = points[0] if points else (None, None)
    indicator = records.upsert(
        Indicator,
        {
            "municipality": model.municipality,
            "impact_model": model,
            "name": spec["name"],
        },
        {**values, "baseline_value": first[1], "baseline_date": first[0]},
        summary,
        "indicator",
    )
    for day, value in points:
        records.upsert(
            Measurement,
            {"municipality": model.municipality, "indicator": indicator, "date": day},
            {"value": value, "computed": computed, "note": ""},
            summary,
            "measurement",
        )

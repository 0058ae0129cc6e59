"""Benchmark data of the impact app (`quartier seed_bench`): `count` goals of the
bench municipality, each with an impact model and an indicator, and one indicator
with ten years of monthly measurements (the page that draws the longest series)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

LONG_SERIES = "Bench: zehn Jahre Monatswerte"
YEARS = 10


class _Indicator(str):
    """The page of the indicator with the longest series (its id is only known
    after seeding)."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        from quartier.impact.models import Indicator

        slug = kwargs["slug"]
        indicator = Indicator.objects.filter(
            municipality__slug=slug, name=LONG_SERIES
        ).first()
        if indicator is None:
            return f"/{slug}/impact/"
        return str(super().format(slug=slug)).replace("<long>", str(indicator.pk))


class _Goal(str):
    """A page of the municipality's first bench goal (its id is only known after
    seeding; Kleinstadt has its own): "<goal>" stands for its id."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        from quartier.impact.models import Goal

        slug = kwargs["slug"]
        goal = (
            Goal.objects.filter(municipality__slug=slug, title=f"{GOAL} 00000")
            .values_list("pk", flat=True)
            .first()
        )
        if goal is None:
            return f"/{slug}/impact/"
        return str(super().format(slug=slug)).replace("<goal>", str(goal))


GOAL = "Bench-Ziel"

BENCH_PAGES = [
    ("impact: goals", "/{slug}/impact/"),
    (
        "impact: indicator with 10 years of monthly values",
        _Indicator("/{slug}/impact/indicators/<long>/"),
    ),
    (
        "impact: API indicator with 10 years of values",
        _Indicator("/api/v1/municipalities/{slug}/indicators/<long>"),
    ),
    ("impact: API goals", "/api/v1/municipalities/{slug}/goals"),
    # The coordination's pages (issue 19): the initiative and decision choices are
    # search fields, at most 20 matches offered (they were selects of every
    # initiative and decision: 2,016 and 10,000 in Musterstadt's bench).
    ("impact: goals (coordinator login)", "/{slug}/impact/"),
    (
        "impact: goals, initiatives found (coordinator login)",
        "/{slug}/impact/?initiative_search=Vorhaben",
    ),
    ("impact: goal (coordinator login)", _Goal("/{slug}/impact/goals/<goal>/")),
    ("impact: new goal (coordinator login)", "/{slug}/impact/goals/new/"),
    (
        "impact: goal edit (coordinator login)",
        _Goal("/{slug}/impact/goals/<goal>/edit/"),
    ),
    (
        "impact: goal link, initiatives found (coordinator login)",
        _Goal("/{slug}/impact/goals/<goal>/link/?initiative_search=Vorhaben"),
    ),
    (
        "impact: indicator edit (coordinator login)",
        _Indicator("/{slug}/impact/indicators/<long>/edit/"),
    ),
]


def monthly(years: int, today: datetime.date) -> list[datetime.date]:
    first = today.replace(day=1)
    days = []
    for _ in range(12 * years):
        first = first - datetime.timedelta(days=1)
        days.append(first)
        first = first.replace(day=1)
    return list(reversed(days))


def seed_bench(municipality: Any, count: int) -> None:
    from django.utils import timezone

    from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement

    today = timezone.localdate()
    goals = Goal.objects.bulk_create(
        Goal(
            municipality=municipality,
            title=f"{GOAL} {n:05d}",
            narrative="Weil es uns wichtig ist.",
        )
        for n in range(count)
    )
    models = ImpactModel.objects.bulk_create(
        ImpactModel(municipality=municipality, goal=goal, stage_1="Treffen")
        for goal in goals
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            municipality=municipality,
            impact_model=model,
            stage=1 + n % 7,
            name=LONG_SERIES if n == 0 else f"Bench-Indikator {n:05d}",
            unit="Personen",
            target_value=Decimal(200),
            target_date=today.replace(year=today.year + 2),
        )
        for n, model in enumerate(models)
    )
    if not indicators:
        return
    Measurement.objects.bulk_create(
        Measurement(
            municipality=municipality,
            indicator=indicators[0],
            date=day,
            value=Decimal(40 + n + (n % 5) * 3),
        )
        for n, day in enumerate(monthly(YEARS, today))
    )

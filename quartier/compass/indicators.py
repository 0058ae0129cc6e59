"""Indicator sources of the compass (core/indicator_sources.py): the gap between
where the neighbourhood should be (Soll) and where it is (Ist) on a tension field."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import NotAvailable, Source, day_bounds, register

MIN_POSITIONS = 3  # as compass/results.py: no number from fewer than three people


def _fields(municipality: Any) -> list[tuple[str, str]]:
    from quartier.compass.models import TensionField

    return [
        (str(pk), name)
        for pk, name in TensionField.objects.of(municipality)
        .active()
        .values_list("pk", "name")
    ]


def gap(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> float:
    from quartier.compass.models import Position, RoundStatus

    low, high = day_bounds(start, end)
    positions = Position.objects.filter(
        assessment__municipality=municipality,
        assessment__created_at__gte=low,
        assessment__created_at__lt=high,
        assessment__round__status__in=(RoundStatus.OPEN, RoundStatus.CLOSED),
        field_id=option,
    )
    if neighbourhood is not None:
        positions = positions.filter(assessment__round__neighborhood=neighbourhood)
    found = positions.aggregate(n=Count("pk"), soll=Avg("target"), ist=Avg("current"))
    if found["n"] < MIN_POSITIONS:
        raise NotAvailable(
            gettext("Fewer than three assessments of this field in the period.")
        )
    return round(found["soll"] - found["ist"], 1)


register(
    Source(
        key="compass.gap",
        label=_("Compass: gap between Soll and Ist"),
        unit=_("points (0–100)"),
        stage=4,
        formula=_(
            "Mean “where we should be” minus mean “where we are” of all "
            "assessments of the chosen tension field made in the period (rounds "
            "open or closed; with a neighbourhood, its rounds); at least three."
        ),
        compute=gap,
        options=_fields,
        option_label=_("tension field"),
        option_required=True,
    ),
)

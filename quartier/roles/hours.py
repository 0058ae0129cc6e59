"""Relationship work per role: the hours of time entries tagged with a role profile
(learning's TimeEntry.role).

A role is often filled by one person, so its total can be that person's hours.
Per-person totals need the staff council's agreement (docs/time.md); without it
("own entries only") the totals per role count the actors' entries only, and the
page says so. While time entries are off there is nothing to count.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Sum


class Counting:
    ALL = "all"
    ACTORS_ONLY = "actors_only"
    OFF = "off"


def counting(municipality: Any) -> str:
    from quartier.learning.models import TimeTrackingMode, TimeTrackingSetting

    mode = TimeTrackingSetting.mode_of(municipality)
    if mode == TimeTrackingMode.OFF:
        return Counting.OFF
    if mode == TimeTrackingMode.AGREEMENT:
        return Counting.ALL
    return Counting.ACTORS_ONLY


def hours_per_role(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    *,
    neighbourhood: Any = None,
    profile_id: int | None = None,
) -> dict[int, Decimal]:
    """{role profile id: hours} of the entries dated in [start, end], as the
    municipality's time-entry mode allows (see the module's docstring); empty
    while time entries are off."""
    from quartier.learning.models import TimeEntry

    how = counting(municipality)
    if how == Counting.OFF:
        return {}
    entries = TimeEntry.objects.of(municipality).filter(
        role__isnull=False, date__gte=start, date__lte=end
    )
    if how == Counting.ACTORS_ONLY:
        entries = entries.filter(actor__isnull=False)
    if neighbourhood is not None:
        entries = entries.filter(neighborhood=neighbourhood)
    if profile_id is not None:
        entries = entries.filter(role_id=profile_id)
    return dict(entries.values_list("role_id").annotate(total=Sum("hours")).order_by())


def last_twelve_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The 365 days up to and including today."""
    return today - datetime.timedelta(days=364), today


class HoursFormat:
    """A number format for core.charts.bar_chart: hours the German way (12,5)."""

    @staticmethod
    def format(value: float) -> str:
        from django.utils import formats

        value = round(float(value), 2)
        places = next(p for p in (0, 1, 2) if round(value, p) == value or p == 2)
        return formats.number_format(value, decimal_pos=places)

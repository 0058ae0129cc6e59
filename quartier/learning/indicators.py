"""Indicator sources of the learning app (core/indicator_sources.py): hours of
relationship work from time entries, only where the municipality uses them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import NotAvailable, Source, register


def _categories(municipality: Any) -> list[tuple[str, str]]:
    from quartier.learning.models import TimeCategory

    return [(value, str(label)) for value, label in TimeCategory.choices]


def relationship_hours(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> Decimal:
    from quartier.learning.models import (
        TimeEntry,
        TimeTrackingMode,
        TimeTrackingSetting,
    )

    if TimeTrackingSetting.mode_of(municipality) == TimeTrackingMode.OFF:
        raise NotAvailable(
            gettext("Not available: time entries are switched off here.")
        )
    entries = TimeEntry.objects.of(municipality).filter(date__gte=start, date__lte=end)
    if neighbourhood is not None:
        entries = entries.filter(neighborhood=neighbourhood)
    if option:
        entries = entries.filter(category=option)
    return entries.aggregate(total=Sum("hours"))["total"] or Decimal("0")


register(
    Source(
        key="learning.relationship_hours",
        label=_("Hours of relationship and volunteer work"),
        unit=_("hours"),
        stage=1,
        formula=_(
            "Sum of the hours of all time entries (people and actors) dated in "
            "the period, optionally of one category; not available while time "
            "entries are switched off in the municipality."
        ),
        compute=relationship_hours,
        options=_categories,
        option_label=_("category"),
    ),
)

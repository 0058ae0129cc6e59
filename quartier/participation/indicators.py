"""Indicator sources of participation (core/indicator_sources.py): whether the
municipality answers residents' contributions within its response time."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import NotAvailable, Source, day_bounds, register


def answered_in_time(
    municipality: Any,
    neighbourhood: Any,
    start: Any,
    end: Any,
    option: Any = None,
    now: datetime.datetime | None = None,
) -> float:
    from quartier.participation.models import Contribution, Moderation

    now = now or timezone.now()
    allowed = datetime.timedelta(days=municipality.response_days)
    low, high = day_bounds(start, end)
    rows = (
        Contribution.objects.of(municipality)
        .filter(created_at__gte=low, created_at__lt=high)
        .exclude(moderation=Moderation.REJECTED)
    )
    if neighbourhood is not None:
        rows = rows.filter(neighborhood=neighbourhood)
    due = in_time = 0
    for created_at, answered_at in rows.values_list("created_at", "answered_at"):
        deadline = created_at + allowed
        if answered_at is None and deadline > now:
            continue  # still within its time: neither late nor answered yet
        due += 1
        if answered_at is not None and answered_at <= deadline:
            in_time += 1
    if not due:
        raise NotAvailable(gettext("No contribution of the period is due yet."))
    return round(100 * in_time / due, 1)


register(
    Source(
        key="participation.answered_in_time",
        label=_("Contributions answered within the response time"),
        unit=_("per cent"),
        stage=1,
        formula=_(
            "Of the contributions received in the period (without rejected ones) "
            "that are answered or whose response time has run out, the share "
            "answered within the municipality's response time, in per cent."
        ),
        compute=answered_in_time,
    ),
)

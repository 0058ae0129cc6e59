"""The rooms' section of a report (core/report_sections.py): confirmed bookings
of the period, hours used and people expected, per room."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import day_bounds
from quartier.core.report_sections import (
    ReportSection,
    SectionContent,
    in_neighbourhoods,
    register,
)


def _bookings(municipality: Any, start: Any, end: Any, hoods: Any, user: Any) -> Any:
    from quartier.rooms.models import Booking, Room

    low, high = day_bounds(start, end)
    rooms = Room.objects.visible_to(user, municipality).filter(
        **in_neighbourhoods(hoods, "neighborhood__in")
    )
    return (
        Booking.objects.of(municipality)
        .confirmed()
        .filter(room__in=rooms.values("pk"), starts_at__gte=low, starts_at__lt=high)
    )


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    content = SectionContent("rooms.bookings", _t("Rooms"))
    rows = _bookings(municipality, start, end, hoods, user)
    per_room = list(
        rows.order_by()
        .values("room__name")
        .annotate(n=Count("pk"), people=Sum("expected_people"))
        .order_by("-n", "room__name")
    )
    # Hours in Python from (start, end) pairs would read every booking; the
    # database sums the durations per room in the same query as the counts.
    hours = dict(
        rows.order_by().values_list("room__name").annotate(span=Sum(timezone_span()))
    )
    content.figures(
        [
            (_t("Confirmed bookings"), sum(r["n"] for r in per_room)),
            (_t("Rooms used"), len(per_room)),
            (_t("People expected in all"), sum(r["people"] or 0 for r in per_room)),
            (_t("Hours booked"), round(sum(_hours(v) for v in hours.values()), 1)),
        ]
    )
    if per_room:
        content.chart(
            _t("Bookings per room"),
            [(r["room__name"], r["n"]) for r in per_room[:15]],
            headers=[_t("Room"), _t("Bookings")],
        )
        content.table(
            _t("Use of the rooms"),
            [_t("Room"), _t("Bookings"), _t("Hours"), _t("People expected")],
            [
                (
                    r["room__name"],
                    r["n"],
                    round(_hours(hours.get(r["room__name"])), 1),
                    r["people"] or 0,
                )
                for r in per_room
            ],
        )
    content.source(_t("Room booking"), timezone.localdate())
    return content


def timezone_span() -> Any:
    from django.db.models import DurationField, ExpressionWrapper, F

    return ExpressionWrapper(F("ends_at") - F("starts_at"), DurationField())


def _hours(span: Any) -> float:
    if span is None:
        return 0.0
    if isinstance(span, datetime.timedelta):
        return span.total_seconds() / 3600
    return float(span) / 3_600_000_000  # microseconds (some backends)


def estimate(municipality: Any, start: Any, end: Any) -> int:
    from quartier.rooms.models import Booking

    low, high = day_bounds(start, end)
    return (
        Booking.objects.of(municipality)
        .filter(starts_at__gte=low, starts_at__lt=high)
        .count()
    )


register(
    ReportSection(
        key="rooms.bookings",
        label=_("Rooms"),
        order=30,
        build=build,
        estimate=estimate,
    )
)

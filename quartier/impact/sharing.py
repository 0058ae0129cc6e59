"""What a municipality can share of its impact indicators with an advisory
organisation (core/sharing.py): each indicator with baseline, target and its latest
value, never the notes on a measurement or who recorded it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, SharedTable, register

KEY = "impact.indicators"


def _indicators(municipality: Municipality) -> Any:
    from quartier.impact.models import Indicator, Measurement

    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    return (
        Indicator.objects.of(municipality)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )
        .order_by("name")
    )


def _number(value: Any) -> str:
    return "–" if value is None else number_format(value)


def summaries(municipalities: list[Municipality]) -> dict[int, list[tuple[Any, str]]]:
    """Indicators and how many of them have a measurement, in one query."""
    from quartier.impact.models import Indicator

    rows = {
        row["municipality_id"]: row
        for row in Indicator.objects.filter(municipality__in=municipalities)
        .order_by()
        .values("municipality_id")
        .annotate(
            n=Count("pk", distinct=True),
            measured=Count("pk", filter=Q(measurements__isnull=False), distinct=True),
        )
    }
    empty = {"n": 0, "measured": 0}
    return {
        m.pk: [
            (_("Indicators"), str(rows.get(m.pk, empty)["n"])),
            (_("with a measurement"), str(rows.get(m.pk, empty)["measured"])),
        ]
        for m in municipalities
    }


def detail(municipality: Municipality) -> list[SharedTable]:
    rows = [
        [
            i.name,
            i.unit,
            _number(i.baseline_value),
            _number(i.target_value),
            date_format(i.target_date, "SHORT_DATE_FORMAT"),
            _number(i.latest_value),
            date_format(i.latest_date, "SHORT_DATE_FORMAT") if i.latest_date else "–",
        ]
        for i in _indicators(municipality)
    ]
    return [
        SharedTable(
            _t("Impact indicators"),
            [
                _t("Indicator"),
                _t("Unit"),
                _t("Baseline"),
                _t("Target"),
                _t("Target date"),
                _t("Latest value"),
                _t("measured on"),
            ],
            rows,
        )
    ]


register(
    SharedModule(
        key=KEY,
        label=_("Impact indicators"),
        description=_(
            "The indicators with baseline, target and latest value, without notes "
            "and without who recorded them."
        ),
        summaries=summaries,
        url=lambda m: reverse(
            "advisers:module", kwargs={"municipality_slug": m.slug, "key": KEY}
        ),
        detail=detail,
    )
)

"""The compass's section of a report (core/report_sections.py): where the
assessments of the period place the neighbourhood on each tension field (Ist)
and where it should be (Soll). As on the results page, a field with fewer than
three assessments shows no numbers, so nobody's position can be read off."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.compass.results import MIN_GROUP
from quartier.core.indicator_sources import day_bounds
from quartier.core.report_sections import (
    ReportSection,
    SectionContent,
    in_neighbourhoods,
    register,
)


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.compass.models import Assessment, Position, Round, RoundStatus

    content = SectionContent("compass.results", _t("Tension compass"))
    low, high = day_bounds(start, end)
    rounds = (
        Round.objects.visible_to(user, municipality)
        .filter(
            status__in=(RoundStatus.OPEN, RoundStatus.CLOSED),
            **in_neighbourhoods(hoods, "neighborhood__in"),
        )
        .values("pk")
    )
    assessments = Assessment.objects.filter(
        round__in=rounds, created_at__gte=low, created_at__lt=high
    )
    rows = list(
        Position.objects.filter(assessment__in=assessments.values("pk"))
        .order_by()
        .values("field__name", "field__order")
        .annotate(n=Count("pk"), ist=Avg("current"), soll=Avg("target"))
        .order_by("field__order", "field__name")
    )
    shown = [r for r in rows if r["n"] >= MIN_GROUP]
    content.figures([(_t("Assessments in the period"), assessments.count())])
    if shown:
        content.table(
            _t("Ist and Soll per tension field (0–100, mean)"),
            [_t("Tension field"), _t("Assessments"), _t("Ist"), _t("Soll"), _t("Gap")],
            [
                (
                    r["field__name"],
                    r["n"],
                    round(r["ist"], 1),
                    round(r["soll"], 1),
                    round(r["soll"] - r["ist"], 1),
                )
                for r in shown
            ],
        )
        content.chart(
            _t("Gap between Soll and Ist per tension field"),
            [(r["field__name"], round(abs(r["soll"] - r["ist"]), 1)) for r in shown],
            unit=_t("points"),
            headers=[_t("Tension field"), _t("Gap (points)")],
        )
    if len(shown) < len(rows):
        content.paragraph(
            _t(
                "Fields with fewer than three assessments are not shown, so that "
                "nobody's answer can be read off."
            )
        )
    content.source(_t("Tension compass"), timezone.localdate())
    return content


register(
    ReportSection(
        key="compass.results",
        label=_("Compass results"),
        order=60,
        build=build,
    )
)

"""The impact section of a report (core/report_sections.py): every indicator of
the goals and initiatives the reader may see, with its latest value by the end
of the period and its traffic light, in words (impact/progress.py)."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.report_sections import ReportSection, SectionContent, register


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.impact import progress
    from quartier.impact.models import Goal, Indicator, Measurement
    from quartier.initiatives.models import Initiative

    content = SectionContent("impact.indicators", _t("Goals and impact"))
    goals = Goal.objects.visible_to(user, municipality)
    if hoods:
        goals = goals.filter(Q(neighborhood__in=hoods) | Q(neighborhood__isnull=True))
    initiatives = Initiative.objects.visible_to(user, municipality)
    indicators = (
        Indicator.objects.of(municipality)
        .filter(
            Q(impact_model__goal__in=goals.values("pk"))
            | Q(impact_model__initiative__in=initiatives.values("pk"))
        )
        .select_related("impact_model__goal", "impact_model__initiative")
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.filter(date__lte=end).order_by("date"),
            )
        )
        .order_by("impact_model_id", "stage", "name", "pk")
    )
    rows = []
    states: Counter[str] = Counter()
    for indicator in indicators:
        measurements = list(indicator.measurements.all())
        light = progress.light(indicator, measurements)
        states[light.label] += 1
        model = indicator.impact_model
        owner = model.goal or model.initiative
        latest = (
            f"{progress.number(measurements[-1].value)} {indicator.unit}"
            if measurements
            else "–"
        )
        rows.append((str(owner), indicator.name, latest, light.text))
    content.figures([(_t("Indicators"), len(rows))])
    if rows:
        content.chart(
            _t("Indicators by traffic light"),
            sorted(states.items()),
            headers=[_t("Traffic light"), _t("Indicators")],
        )
        content.table(
            _t("Indicators with their latest value and traffic light"),
            [
                _t("Goal or initiative"),
                _t("Indicator"),
                _t("Latest value"),
                _t("Traffic light"),
            ],
            rows,
        )
    content.source(_t("Goals and impact"), timezone.localdate())
    return content


register(
    ReportSection(
        key="impact.indicators",
        label=_("Impact indicators with traffic light"),
        order=80,
        build=build,
    )
)

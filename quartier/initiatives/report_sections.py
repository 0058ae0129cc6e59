"""The initiatives' section of a report (core/report_sections.py): how many
initiatives stand in each phase, and which began in the period."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
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

NEW_ROWS = 30


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.initiatives.models import Initiative, Phase

    content = SectionContent("initiatives.phases", _t("Initiatives"))
    low, high = day_bounds(start, end)
    visible = Initiative.objects.visible_to(user, municipality).filter(
        created_at__lt=high, **in_neighbourhoods(hoods, "neighborhoods__in")
    )
    ids = Initiative.objects.filter(pk__in=visible.values("pk"))
    per_phase = dict(ids.order_by().values_list("phase").annotate(n=Count("pk")))
    new = ids.filter(created_at__gte=low).order_by("-created_at", "-pk")
    new_count = new.count()
    content.figures(
        [
            (_t("Initiatives"), sum(per_phase.values())),
            (_t("begun in the period"), new_count),
        ]
    )
    content.chart(
        _t("Initiatives per phase"),
        [(label, per_phase.get(value, 0)) for value, label in Phase.choices],
        headers=[_t("Phase"), _t("Initiatives")],
    )
    shown = list(new[:NEW_ROWS])
    if shown:
        content.table(
            _t("Initiatives begun in the period"),
            [_t("Initiative"), _t("Phase")],
            [(i.title, i.get_phase_display()) for i in shown],
        )
    content.source(_t("Initiatives"), timezone.localdate())
    return content


def estimate(municipality: Any, start: Any, end: Any) -> int:
    from quartier.initiatives.models import Initiative

    return Initiative.objects.of(municipality).count()


register(
    ReportSection(
        key="initiatives.phases",
        label=_("Initiatives per phase"),
        order=70,
        build=build,
        estimate=estimate,
    )
)

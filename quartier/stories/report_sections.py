"""The stories' section of a report (core/report_sections.py): the stories
published in the period per neighbourhood, and the changes the Most Significant
Change panels selected. Only published stories (approved, consented to, not
hidden) appear, by their title, never by who told them."""

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


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.stories.models import Selection, Story

    content = SectionContent("stories.published", _t("Stories"))
    low, high = day_bounds(start, end)
    published = Story.objects.of(municipality).public()
    in_period = published.filter(
        created_at__gte=low,
        created_at__lt=high,
        **in_neighbourhoods(hoods, "neighborhood__in"),
    )
    per_hood = list(
        in_period.order_by()
        .values_list("neighborhood__name")
        .annotate(n=Count("pk"))
        .order_by("neighborhood__name")
    )
    selections = list(
        Selection.objects.filter(
            story__in=published.values("pk"),
            domain__round__municipality=municipality,
            domain__round__closed_at__gte=low,
            domain__round__closed_at__lt=high,
        )
        .select_related("domain__round", "story")
        .order_by("domain__round__closed_at", "domain__order", "pk")
    )
    content.figures(
        [
            (_t("Stories published"), sum(n for _name, n in per_hood)),
            (_t("Most significant changes selected"), len(selections)),
        ]
    )
    if per_hood:
        content.chart(
            _t("Stories per neighbourhood"),
            per_hood,
            headers=[_t("Neighbourhood"), _t("Stories")],
        )
    if selections:
        content.table(
            _t("The most significant changes selected by the panels"),
            [_t("Round"), _t("Domain of change"), _t("Story")],
            [(s.domain.round.title, s.domain.name, s.story.title) for s in selections],
        )
    content.source(_t("Stories"), timezone.localdate())
    return content


register(
    ReportSection(
        key="stories.published",
        label=_("Stories and most significant changes"),
        order=100,
        build=build,
    )
)

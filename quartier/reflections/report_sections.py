"""The reflections' section of a report (core/report_sections.py): how many
reflections the period saw and whether the changes they agreed on ("Was nun?")
were made: done, open, late or dropped. Numbers only, and only for readers who
see reflections (members; never the public)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import day_bounds
from quartier.core.predicates import is_coordinator
from quartier.core.report_sections import (
    COUNCIL,
    FUNDER,
    ReportSection,
    SectionContent,
    register,
)


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.forums.models import DecisionStatus
    from quartier.reflections.models import Adaptation, AdaptationState, Reflection

    content = SectionContent("reflections.adaptations", _t("Reflections"))
    # Reflections on members-only matters are for those who may see them; the
    # coordination sees all of them, the report shows counts only.
    if not is_coordinator.test(user, municipality):
        return content
    low, high = day_bounds(start, end)
    reflections = Reflection.objects.of(municipality).filter(
        created_at__gte=low, created_at__lt=high
    )
    today = timezone.localdate()
    open_ = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS, DecisionStatus.POSTPONED)
    counts = Adaptation.objects.filter(
        reflection__in=reflections.values("pk")
    ).aggregate(
        done=Count("pk", filter=Q(decision__status=DecisionStatus.DONE)),
        dropped=Count("pk", filter=Q(decision__status=DecisionStatus.REJECTED)),
        late=Count(
            "pk", filter=Q(decision__status__in=open_, decision__due_date__lt=today)
        ),
        open=Count(
            "pk",
            filter=Q(decision__status__in=open_)
            & (Q(decision__due_date__isnull=True) | Q(decision__due_date__gte=today)),
        ),
    )
    content.figures([(_t("Reflections in the period"), reflections.count())])
    content.chart(
        _t("Agreed changes by state"),
        [
            (AdaptationState.DONE.label, counts["done"]),
            (AdaptationState.OPEN.label, counts["open"]),
            (AdaptationState.LATE.label, counts["late"]),
            (AdaptationState.DROPPED.label, counts["dropped"]),
        ],
        headers=[_t("State"), _t("Changes")],
    )
    content.source(_t("Reflections"), today)
    return content


register(
    ReportSection(
        key="reflections.adaptations",
        label=_("Reflections: changes done and late"),
        order=110,
        build=build,
        audiences=frozenset({COUNCIL, FUNDER}),
    )
)

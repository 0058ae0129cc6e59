"""The forums' section of a report (core/report_sections.py): meetings held and
the decisions of the period, by status and by forum."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
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


def _decisions(municipality: Any, start: Any, end: Any, hoods: Any, user: Any) -> Any:
    from quartier.forums.models import Decision

    return Decision.objects.visible_to(user, municipality).filter(
        decided_on__gte=start,
        decided_on__lte=end,
        **in_neighbourhoods(hoods, "forum__neighborhoods__in"),
    )


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.forums.models import DecisionStatus, Meeting, MeetingStatus

    content = SectionContent("forums.decisions", _t("Forums and decisions"))
    low, high = day_bounds(start, end)
    meetings = (
        Meeting.objects.visible_to(user, municipality)
        .filter(
            status=MeetingStatus.HELD,
            starts_at__gte=low,
            starts_at__lt=high,
            **in_neighbourhoods(hoods, "forum__neighborhoods__in"),
        )
        .values("pk")
        .distinct()
        .count()
    )
    decisions = _decisions(municipality, start, end, hoods, user).distinct()
    today = timezone.localdate()
    totals = decisions.aggregate(
        total=Count("pk", distinct=True),
        done=Count("pk", filter=Q(status=DecisionStatus.DONE), distinct=True),
        overdue=Count(
            "pk",
            filter=Q(
                status__in=(
                    DecisionStatus.OPEN,
                    DecisionStatus.IN_PROGRESS,
                    DecisionStatus.POSTPONED,
                ),
                due_date__lt=today,
            ),
            distinct=True,
        ),
    )
    content.figures(
        [
            (_t("Forum meetings held"), meetings),
            (_t("Decisions and recommendations"), totals["total"]),
            (_t("of them done"), totals["done"]),
            (_t("open and past their due date"), totals["overdue"]),
        ]
    )
    by_status = dict(
        decisions.order_by()
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
        .values_list("status", "n")
    )
    content.chart(
        _t("Decisions of the period by status"),
        [(label, by_status.get(value, 0)) for value, label in DecisionStatus.choices],
        headers=[_t("Status"), _t("Decisions")],
    )
    by_forum = (
        decisions.order_by()
        .values("forum__name")
        .annotate(
            n=Count("pk", distinct=True),
            done=Count("pk", filter=Q(status=DecisionStatus.DONE), distinct=True),
        )
        .order_by("-n", "forum__name")
    )
    if by_forum:
        content.table(
            _t("Decisions per forum"),
            [_t("Forum"), _t("Decisions"), _t("Done")],
            [(row["forum__name"], row["n"], row["done"]) for row in by_forum],
        )
    content.source(_t("Forums and decisions register"), today)
    return content


def estimate(municipality: Any, start: Any, end: Any) -> int:
    from quartier.forums.models import Decision

    return (
        Decision.objects.of(municipality)
        .filter(decided_on__gte=start, decided_on__lte=end)
        .count()
    )


register(
    ReportSection(
        key="forums.decisions",
        label=_("Forums and decisions"),
        order=10,
        build=build,
        estimate=estimate,
    )
)

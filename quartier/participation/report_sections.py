"""Participation's section of a report (core/report_sections.py): contributions
of the period by kind and status, and how fast the municipality answered them."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
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


def _contributions(municipality: Any, start: Any, end: Any, hoods: Any) -> Any:
    from quartier.participation.models import Contribution, Moderation

    low, high = day_bounds(start, end)
    return (
        Contribution.objects.of(municipality)
        .filter(
            created_at__gte=low,
            created_at__lt=high,
            **in_neighbourhoods(hoods, "neighborhood__in"),
        )
        .exclude(moderation=Moderation.REJECTED)
    )


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.participation.models import Kind, Status

    content = SectionContent("participation.contributions", _t("Participation"))
    # Counts only: the figures are the same for every reader, but the hidden and
    # rejected contributions never enter them.
    # The public filter on the rows themselves: a subquery over every public
    # contribution (of every municipality) cost ~0.5 s per preview (issue 19).
    rows = _contributions(municipality, start, end, hoods).public()
    now = timezone.now()
    allowed = datetime.timedelta(days=municipality.response_days)
    waited = ExpressionWrapper(F("answered_at") - F("created_at"), DurationField())
    totals = rows.aggregate(
        total=Count("pk"),
        in_time=Count("pk", filter=Q(answered_at__lte=F("created_at") + allowed)),
        late=Count("pk", filter=Q(answered_at__gt=F("created_at") + allowed)),
        overdue=Count(
            "pk", filter=Q(answered_at__isnull=True, created_at__lt=now - allowed)
        ),
        waiting=Count(
            "pk", filter=Q(answered_at__isnull=True, created_at__gte=now - allowed)
        ),
        average=Avg(waited, filter=Q(answered_at__isnull=False)),
    )
    average = totals["average"]
    content.figures(
        [
            (_t("Contributions received"), totals["total"]),
            (
                _t("Answered within %(days)s days")
                % {"days": municipality.response_days},
                totals["in_time"],
            ),
            (_t("Answered later"), totals["late"]),
            (_t("Not answered, response time passed"), totals["overdue"]),
            (_t("Not answered yet, within the response time"), totals["waiting"]),
            (
                _t("Average time to an answer (days)"),
                round(average.total_seconds() / 86400, 1) if average else "–",
            ),
        ]
    )
    by_kind = dict(rows.order_by().values_list("kind").annotate(n=Count("pk")))
    content.chart(
        _t("Contributions by kind"),
        [(label, by_kind.get(value, 0)) for value, label in Kind.choices],
        headers=[_t("Kind"), _t("Contributions")],
    )
    by_status = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    content.table(
        _t("Contributions by status"),
        [_t("Status"), _t("Contributions")],
        [(label, by_status.get(value, 0)) for value, label in Status.choices],
    )
    by_hood = (
        rows.order_by()
        .values_list("neighborhood__name")
        .annotate(n=Count("pk"))
        .order_by("neighborhood__name")
    )
    content.chart(
        _t("Contributions by neighbourhood"),
        list(by_hood),
        headers=[_t("Neighbourhood"), _t("Contributions")],
    )
    content.source(_t("Participation module"), timezone.localdate())
    return content


def estimate(municipality: Any, start: Any, end: Any) -> int:
    return _contributions(municipality, start, end, []).count()


register(
    ReportSection(
        key="participation.contributions",
        label=_("Participation and response times"),
        order=20,
        build=build,
        estimate=estimate,
    )
)

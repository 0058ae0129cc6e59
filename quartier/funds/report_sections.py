"""The funds' section of a report (core/report_sections.py): applications of the
period, the money approved and paid out, and the funded projects (named as on the
public list of funded projects: a group only where it agreed, never a person)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import day_bounds
from quartier.core.report_sections import (
    ReportSection,
    SectionContent,
    in_neighbourhoods,
    money,
    register,
)

# Longer lists are cut: the report says how many more there are.
PROJECT_ROWS = 30


def build(
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    hoods: Any,
    user: Any,
) -> SectionContent:
    from quartier.funds.models import COMMITTING, Application, Fund, FundStatus

    content = SectionContent("funds.projects", _t("Neighbourhood funds"))
    low, high = day_bounds(start, end)
    funds = (
        Fund.objects.visible_to(user, municipality)
        .exclude(status=FundStatus.DRAFT)
        .values("pk")
    )
    applications = Application.objects.of(municipality).filter(
        call__fund__in=funds, **in_neighbourhoods(hoods, "neighborhood__in")
    )
    received = applications.filter(submitted_at__gte=low, submitted_at__lt=high)
    decided = applications.filter(decided_at__gte=low, decided_at__lt=high)
    totals = decided.aggregate(
        funded=Count("pk", filter=Q(status__in=COMMITTING)),
        approved=Sum("approved_amount", filter=Q(status__in=COMMITTING)),
        paid=Sum("paid_total", filter=Q(status__in=COMMITTING)),
        returned=Sum("returned_amount", filter=Q(status__in=COMMITTING)),
        reached=Sum("report__participants", filter=Q(status__in=COMMITTING)),
    )
    content.figures(
        [
            (_t("Applications received"), received.count()),
            (_t("Projects funded"), totals["funded"]),
            (_t("Amount approved"), money(totals["approved"])),
            (_t("Amount paid out"), money(totals["paid"])),
            (_t("Returned to the fund"), money(totals["returned"])),
            (_t("People reached (proofs of use)"), totals["reached"] or 0),
        ]
    )
    per_fund = (
        decided.filter(status__in=COMMITTING)
        .order_by()
        .values("call__fund__name")
        .annotate(n=Count("pk"), amount=Sum("approved_amount"))
        .order_by("call__fund__name")
    )
    content.chart(
        _t("Approved amounts per fund"),
        [(r["call__fund__name"], float(r["amount"] or 0)) for r in per_fund],
        unit="€",
        headers=[_t("Fund"), _t("Approved (€)")],
    )
    projects = (
        decided.filter(status__in=COMMITTING)
        .select_related("actor", "neighborhood")
        .order_by("-decided_at", "-pk")
    )
    shown = list(projects[:PROJECT_ROWS])
    if shown:
        content.table(
            _t("Funded projects"),
            [_t("Project"), _t("Carried by"), _t("Neighbourhood"), _t("Approved")],
            [
                (
                    a.title,
                    a.public_name,
                    a.neighborhood.name if a.neighborhood else "–",
                    money(a.approved_amount),
                )
                for a in shown
            ],
        )
        more = totals["funded"] - len(shown)
        if more > 0:
            content.paragraph(
                _t(
                    "… and %(count)s more funded projects (the full list is on the page of funded projects)."
                )
                % {"count": more}
            )
    content.source(_t("Neighbourhood funds"), timezone.localdate())
    return content


def estimate(municipality: Any, start: Any, end: Any) -> int:
    from quartier.funds.models import Application

    low, high = day_bounds(start, end)
    return (
        Application.objects.of(municipality)
        .filter(submitted_at__gte=low, submitted_at__lt=high)
        .count()
    )


register(
    ReportSection(
        key="funds.projects",
        label=_("Funds: amounts and funded projects"),
        order=40,
        build=build,
        estimate=estimate,
    )
)

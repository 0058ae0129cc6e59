"""Retention rules of funds (core/retention.py): applications turned down or
withdrawn, and the receipts of proofs of use after the fund guideline's period."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import Rule
from quartier.core.retention import register as register_rule
from quartier.funds.models import Application, ApplicationStatus, Fund, Receipt


def closed_without_grant(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    """Rejected or withdrawn applications decided (else last changed) before the
    cutoff; never one with a payout (those are kept with the fund's records)."""
    return (
        Application.objects.filter(
            municipality=municipality,
            status__in=[ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN],
        )
        .alias(closed_at=Coalesce("decided_at", "updated_at"))
        .filter(Q(closed_at__lt=cutoff), payouts__isnull=True)
    )


def _years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def receipts_past_guideline(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    """Receipts whose proof of use arrived more than the fund guideline's period
    (Fund.proof_retention_years) before the cutoff; the rule's own days are a grace
    period after it (the guideline's period may run from the end of that year)."""
    due = Q(pk__in=[])
    for fund in Fund.objects.filter(municipality=municipality).only(
        "pk", "proof_retention_years"
    ):
        due |= Q(
            application__call__fund=fund,
            application__report__submitted_at__lt=_years_before(
                cutoff, fund.proof_retention_years
            ),
        )
    return Receipt.objects.filter(due, application__municipality=municipality)


def register() -> None:
    register_rule(
        Rule(
            key="funds.closed_application",
            label=_("Rejected and withdrawn applications"),
            default_days=1095,
            min_days=365,
            max_days=3650,
            rows=closed_without_grant,
        )
    )
    register_rule(
        Rule(
            key="funds.receipts",
            label=_(
                "Receipts of proofs of use, after the period of the fund's guideline "
                "(the days here are added to it)"
            ),
            default_days=365,
            min_days=1,
            max_days=730,
            rows=receipts_past_guideline,
        )
    )

"""Retention rules of funds (core/retention.py): applications turned down or withdrawn."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import Rule
from quartier.core.retention import register as register_rule
from quartier.funds.models import Application, ApplicationStatus


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

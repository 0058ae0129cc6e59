"""Shared helpers of the funds services: addresses for e-mails, and the fund lock
(always the fund row first, then the application)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F

from quartier.core.maillinks import absolute_url
from quartier.funds.models import (
    Application,
    ApplicationStatus,
    Fund,
)

REPORT_WEEKS = 8
COST_LINES = 8

S = ApplicationStatus


def _link(obj: Any) -> str:
    return absolute_url(obj.get_absolute_url())


def _coordination_address(fund: Fund) -> str:
    return fund.contact_email or fund.municipality.contact_email


def _lock(application: Application) -> tuple[Fund, Application]:
    """Lock the fund first, then the application (always in this order)."""
    fund = (
        Fund.objects.select_for_update()
        .select_related("municipality")
        .get(pk=application.call.fund_id)
    )
    locked = (
        Application.objects.select_for_update()
        .select_related("applicant")
        .get(pk=application.pk)
    )
    return fund, locked


def _release(fund: Fund, amount: Decimal) -> None:
    if amount:
        Fund.objects.filter(pk=fund.pk).update(committed=F("committed") - amount)
        fund.refresh_from_db(fields=["committed"])

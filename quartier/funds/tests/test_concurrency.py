"""The budget holds when many approvals arrive at the same moment.

100 real threads, each with its own database connection, approve 100 applications
of one fund at once. On PostgreSQL the fund row is locked with SELECT … FOR UPDATE;
SQLite serialises writers (IMMEDIATE transactions). The in-memory SQLite test
database answers "database table is locked" at once instead of waiting, so there a
thread waits and tries again, as the busy timeout of a database file would.
"""

from decimal import Decimal

import pytest

from quartier.core.tests.race import outcomes, split
from quartier.funds import services
from quartier.funds.models import Application, Fund
from quartier.funds.tests.factories import ApplicationFactory, CallFactory, FundFactory

THREADS = 100


def _race(target, arguments):
    _done, refused, errors = split(outcomes(target, arguments))
    return refused, errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_never_overspend_the_budget(municipality, coordinator):
    # 15,000 € budget, 1,000 € each: exactly 15 of 100 approvals fit.
    fund = FundFactory(
        municipality=municipality,
        budget=Decimal("15000"),
        max_per_project=Decimal("1000"),
        solo_limit=Decimal("1000"),
    )
    call = CallFactory(fund=fund, max_amount=Decimal("1000"))
    applications = [
        ApplicationFactory(
            call=call,
            status="complete",
            voting_open=True,
            own_contribution=Decimal("0"),
            requested_amount=Decimal("1000"),
        )
        for _ in range(THREADS)
    ]

    def approve(application):
        services.grant_decide(
            by=coordinator,
            application=application,
            approve=True,
            how="solo",
            amount=Decimal("1000"),
            rationale="Passt in den Fonds.",
        )

    refused, errors = _race(approve, applications)

    assert errors == []
    fund.refresh_from_db()
    approved = Application.objects.filter(call__fund=fund, status="approved")
    assert approved.count() == 15
    assert len(refused) == THREADS - 15
    assert fund.committed == Decimal("15000")
    assert sum(a.approved_amount for a in approved) == fund.committed <= fund.budget
    assert Fund.objects.get(pk=fund.pk).committed == services.committed_total(fund)

"""Random sequences of approve, revoke, pay out, report and return keep the money
right: after every step the fund's `committed` equals the sum of the open
commitments and stays within the budget, and no grant is paid out beyond what was
approved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.funds import services
from quartier.funds.models import Application, Fund
from quartier.funds.tests.factories import ApplicationFactory, CallFactory, FundFactory

APPLICATIONS = 6
amounts = st.integers(min_value=1, max_value=700).map(Decimal)


class MoneyMachine(RuleBasedStateMachine):
    @initialize()
    def set_up(self):
        municipality = MunicipalityFactory()
        self.coordinator = UserFactory()
        MembershipFactory(
            user=self.coordinator, municipality=municipality, role="coordinator"
        )
        self.fund = FundFactory(
            municipality=municipality,
            budget=Decimal("2000"),
            max_per_project=Decimal("700"),
            solo_limit=Decimal("700"),
        )
        call = CallFactory(fund=self.fund, max_amount=Decimal("700"))
        self.applications = []
        for _ in range(APPLICATIONS):
            applicant = UserFactory()
            MembershipFactory(user=applicant, municipality=municipality)
            self.applications.append(
                ApplicationFactory(
                    call=call,
                    applicant=applicant,
                    status="complete",
                    voting_open=True,
                    own_contribution=Decimal("0"),
                    requested_amount=Decimal("700"),
                )
            )

    def _pick(self, index):
        return Application.objects.get(pk=self.applications[index].pk)

    def _try(self, action, **kwargs):
        try:
            action(by=self.coordinator, **kwargs)
        except ValidationError:
            pass  # a refused step is fine; the invariants must hold either way

    @rule(index=st.integers(0, APPLICATIONS - 1), amount=amounts)
    def approve(self, index, amount):
        self._try(
            services.grant_decide,
            application=self._pick(index),
            approve=True,
            how="solo",
            amount=amount,
            rationale="ok",
        )

    @rule(index=st.integers(0, APPLICATIONS - 1))
    def revoke(self, index):
        self._try(services.grant_revoke, application=self._pick(index), reason="nein")

    @rule(index=st.integers(0, APPLICATIONS - 1), amount=amounts)
    def pay_out(self, index, amount):
        self._try(services.payout_record, application=self._pick(index), amount=amount)

    @rule(
        index=st.integers(0, APPLICATIONS - 1),
        receipts=st.integers(min_value=0, max_value=800).map(Decimal),
    )
    def report_and_return(self, index, receipts):
        application = self._pick(index)
        try:
            services.report_submit(
                by=application.applicant,
                application=application,
                what_happened="Es war schön.",
                participants=10,
                receipts_total=receipts,
            )
        except ValidationError:
            return
        self._try(services.grant_close, application=self._pick(index))

    @rule(index=st.integers(0, APPLICATIONS - 1))
    def reopen(self, index):
        # A rejected application goes back to the jury, so it can be approved again.
        Application.objects.filter(
            pk=self.applications[index].pk, status="rejected"
        ).update(status="complete", voting_open=True)

    @invariant()
    def money_is_right(self):
        if not hasattr(self, "fund"):
            return
        fund = Fund.objects.get(pk=self.fund.pk)
        assert fund.committed == services.committed_total(fund)
        assert Decimal("0") <= fund.committed <= fund.budget
        for application in Application.objects.filter(call__fund=fund):
            assert application.paid_total <= (application.approved_amount or 0)
            assert application.paid_total == sum(
                (p.amount for p in application.payouts.all()), Decimal("0")
            )


@pytest.mark.django_db
def test_random_sequences_keep_the_money_right():
    MoneyMachine.TestCase.settings = settings(
        max_examples=25,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    # Each example runs in its own savepoint so the examples do not see each other.
    from django.db import transaction

    class Isolated(MoneyMachine):
        def __init__(self):
            super().__init__()
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            self._rollback = True

        def teardown(self):
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)

    Isolated.TestCase.settings = MoneyMachine.TestCase.settings
    Isolated.TestCase().runTest()

"""Payouts under the four-eyes rule (Fund.payout_four_eyes): one person records,
another releases; only released payouts count as paid; together they never exceed
the grant, also when many requests race (real threads; PostgreSQL locks the rows with
select_for_update, SQLite serialises the writers)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.funds import services
from quartier.funds.models import Application, Payout
from quartier.funds.tests.factories import ApplicationFactory
from quartier.funds.tests.test_concurrency import _race

D = Decimal


@pytest.fixture
def second(municipality):
    user = UserFactory(email="zweite@test.example")
    MembershipFactory(user=user, municipality=municipality, role="coordinator")
    return user


def _approved(call, resident, fund, four_eyes=True):
    fund.payout_four_eyes = four_eyes
    fund.committed = D("500")
    fund.save()
    return ApplicationFactory(
        call=call,
        applicant=resident,
        status="approved",
        approved_amount=D("500"),
        decided_at=timezone.now() - datetime.timedelta(days=2),
        decided_how="jury",
        rationale="Gut.",
    )


@pytest.mark.django_db
class TestFourEyes:
    def test_a_recorded_payout_waits_for_a_second_person(
        self, call, resident, fund, coordinator, second
    ):
        application = _approved(call, resident, fund)
        payout = services.payout_record(
            by=coordinator, application=application, amount=D("200")
        )
        application.refresh_from_db()
        assert payout.pending
        assert (application.paid_total, application.status) == (D("0"), "approved")

        services.payout_release(by=second, application=application, payout=payout)
        application.refresh_from_db()
        payout.refresh_from_db()
        assert not payout.pending
        assert payout.confirmed_by == second
        assert (application.paid_total, application.status) == (D("200"), "paid")

    def test_the_recorder_cannot_release_their_own_payout(
        self, call, resident, fund, coordinator
    ):
        application = _approved(call, resident, fund)
        payout = services.payout_record(
            by=coordinator, application=application, amount=D("200")
        )
        with pytest.raises(PermissionDenied):
            services.payout_release(
                by=coordinator, application=application, payout=payout
            )
        payout.refresh_from_db()
        application.refresh_from_db()
        assert payout.pending and payout.confirmed_by is None
        assert application.paid_total == D("0")

    def test_the_database_refuses_a_release_by_the_recorder(
        self, call, resident, fund, coordinator
    ):
        application = _approved(call, resident, fund)
        with pytest.raises(IntegrityError), transaction.atomic():
            Payout.objects.create(
                application=application,
                amount=D("10"),
                paid_on=timezone.localdate(),
                created_by=coordinator,
                confirmed_by=coordinator,
            )

    def test_waiting_payouts_count_against_the_grant(
        self, call, resident, fund, coordinator
    ):
        application = _approved(call, resident, fund)
        services.payout_record(by=coordinator, application=application, amount=D("400"))
        with pytest.raises(ValidationError) as exc:
            services.payout_record(
                by=coordinator, application=application, amount=D("200")
            )
        assert "amount" in exc.value.error_dict
        assert application.payouts.count() == 1

    def test_a_waiting_payout_can_be_cancelled(
        self, call, resident, fund, coordinator, second
    ):
        application = _approved(call, resident, fund)
        payout = services.payout_record(
            by=coordinator, application=application, amount=D("400")
        )
        services.payout_cancel(by=second, application=application, payout=payout)
        assert not application.payouts.exists()
        # The money is free to be paid again.
        services.payout_record(by=coordinator, application=application, amount=D("500"))

    def test_a_released_payout_cannot_be_cancelled_or_released_again(
        self, call, resident, fund, coordinator, second, admin_user
    ):
        application = _approved(call, resident, fund)
        payout = services.payout_record(
            by=coordinator, application=application, amount=D("100")
        )
        services.payout_release(by=second, application=application, payout=payout)
        for service in (services.payout_release, services.payout_cancel):
            with pytest.raises(ValidationError):
                service(by=admin_user, application=application, payout=payout)
        application.refresh_from_db()
        assert application.paid_total == D("100")

    def test_closing_waits_for_the_release(
        self, call, resident, fund, coordinator, second
    ):
        application = _approved(call, resident, fund)
        payout = services.payout_record(
            by=coordinator, application=application, amount=D("100")
        )
        Application.objects.filter(pk=application.pk).update(status="reported")
        with pytest.raises(ValidationError):
            services.grant_close(by=second, application=application)
        application.refresh_from_db()
        assert application.status == "reported"
        services.payout_release(by=second, application=application, payout=payout)
        services.grant_close(by=second, application=application)

    def test_without_the_rule_a_payout_counts_at_once(
        self, call, resident, fund, coordinator
    ):
        application = _approved(call, resident, fund, four_eyes=False)
        payout = services.payout_record(
            by=coordinator, application=application, amount=D("100")
        )
        application.refresh_from_db()
        assert not payout.pending
        assert application.paid_total == D("100")

    @pytest.mark.parametrize(
        "days, fragment", [(1, "Zukunft"), (-5, "vor der Entscheidung")]
    )
    def test_the_payout_date_must_make_sense(
        self, call, resident, fund, coordinator, days, fragment
    ):
        application = _approved(call, resident, fund)
        with pytest.raises(ValidationError) as exc:
            services.payout_record(
                by=coordinator,
                application=application,
                amount=D("100"),
                paid_on=timezone.localdate() + datetime.timedelta(days=days),
            )
        assert fragment in " ".join(exc.value.message_dict["paid_on"])
        assert not application.payouts.exists()


@pytest.mark.django_db
def test_the_page_offers_the_release_only_to_another_person(
    call, resident, fund, coordinator, second, client_for
):
    application = _approved(call, resident, fund)
    payout = services.payout_record(
        by=coordinator, application=application, amount=D("100")
    )
    url = reverse(
        "funds:payout_release",
        kwargs={
            "municipality_slug": fund.municipality.slug,
            "pk": application.pk,
            "payout_pk": payout.pk,
        },
    )
    mine = client_for(coordinator).get(application.get_absolute_url()).content.decode()
    assert url not in mine
    assert "wartet auf Freigabe durch eine zweite Person" in mine
    assert client_for(coordinator).post(url).status_code == 403
    theirs = client_for(second).get(application.get_absolute_url()).content.decode()
    assert url in theirs
    assert client_for(second).post(url).status_code == 302
    application.refresh_from_db()
    assert application.paid_total == D("100")


@pytest.mark.django_db(transaction=True)
def test_racing_payouts_and_releases_never_exceed_the_grant(
    call, resident, fund, coordinator, second, municipality
):
    application = _approved(call, resident, fund)
    # Ten people record 100 € each at once against a grant of 500 €: five fit.
    recorders = [coordinator] * 10
    refused, errors = _race(
        lambda by: services.payout_record(
            by=by, application=application, amount=D("100")
        ),
        recorders,
    )
    assert errors == []
    assert len(refused) == 5
    waiting = list(application.payouts.filter(pending=True))
    assert len(waiting) == 5
    # Every waiting payout released twice at the same moment: each counts once.
    refused, errors = _race(
        lambda payout: services.payout_release(
            by=second, application=application, payout=payout
        ),
        waiting + waiting,
    )
    assert errors == []
    assert len(refused) == 5
    application.refresh_from_db()
    assert application.paid_total == D("500") == application.approved_amount
    assert not application.payouts.filter(pending=True).exists()

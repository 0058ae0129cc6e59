"""The neighbourhood fund, end to end (issue 5).

A resident applies on a phone (draft first, then submitted), the coordination
pre-checks, two jury members vote, the coordinator records the decision, and the
project appears on the public list of funded projects. axe runs on every page.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser

TITLE = "Mehrsprachiger Kochabend"


def _submit(tab, selector):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


@pytest.fixture
def fund_world(world):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory
    from quartier.funds.tests.factories import (
        CallFactory,
        FundFactory,
        JuryMemberFactory,
    )

    fund = FundFactory(
        municipality=world["municipality"],
        name="Quartiersfonds Sonnenberg 2026",
        slug="quartiersfonds-sonnenberg-2026",
        quorum=2,
        neighborhood=world["neighborhood"],
    )
    call = CallFactory(fund=fund, title="Aufruf 2026")
    jurors = []
    for i in range(2):
        user = UserFactory(email=f"jury{i}@test.example", display_name=f"Jury {i}")
        MembershipFactory(user=user, municipality=world["municipality"])
        JuryMemberFactory(fund=fund, user=user)
        jurors.append(user)
    return {**world, "fund": fund, "call": call, "jurors": jurors}


def test_apply_vote_decide_and_publish(phone_tab, tab, assert_fits_phone, fund_world):
    from quartier.funds.models import Application

    slug = fund_world["municipality"].slug
    call = fund_world["call"]

    # The resident finds the call and applies, on a phone.
    applicant = phone_tab
    applicant.force_login(fund_world["users"]["resident"])
    applicant.visit(f"/{slug}/funds/")
    assert_fits_phone(applicant)
    applicant.visit(f"/{slug}/funds/calls/{call.pk}/")
    applicant.visit(f"/{slug}/funds/calls/{call.pk}/apply/")
    assert_fits_phone(applicant)
    page = applicant.page
    page.fill("#id_title", TITLE)
    _submit(applicant, "button[name=action][value=save]")
    application = Application.objects.get()
    assert application.status == "draft"
    applicant.visit(f"/{slug}/funds/applications/{application.pk}/edit/")
    page.fill("#id_group_name", "Kochgruppe Sonnenberg")
    # Never pre-ticked: the group agrees to be named on the public list.
    assert not page.is_checked("#id_show_name")
    page.check("#id_show_name")
    page.fill("#id_what", "Wir kochen gemeinsam mit einer Ernährungsberaterin.")
    page.fill("#id_for_whom", "Familien am Sonnenberg")
    page.fill("#id_health_benefit", "Gesunde Ernährung und Begegnung")
    page.fill("#id_place", "Bürgerhaus, Küche")
    # Within the call's horizon (projects of a call take place within two years).
    starts_on = timezone.localdate() + datetime.timedelta(days=60)
    page.fill("#id_starts_on", starts_on.isoformat())
    page.fill("#id_item_0", "Lebensmittel")
    page.fill("#id_amount_0", "600")
    page.fill("#id_item_1", "Honorar")
    page.fill("#id_amount_1", "300,00")
    page.fill("#id_own_contribution", "100")
    page.fill("#id_requested_amount", "800")
    # The declarations (never pre-ticked): not started, not funded twice.
    page.check("#id_not_started")
    page.check("#id_not_funded_elsewhere")
    _submit(applicant, "button[name=action][value=submit]")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert_fits_phone(applicant)
    applicant.visit(f"/{slug}/funds/mine/")

    # The coordination finds it complete.
    coordinator = tab
    coordinator.force_login(fund_world["users"]["coordinator"])
    coordinator.visit(f"/{slug}/funds/{fund_world['fund'].slug}/applications/")
    coordinator.visit(f"/{slug}/funds/applications/{application.pk}/")
    coordinator.page.check("#id_outcome_0")
    _submit(coordinator, "form[action$='/precheck/'] button[type=submit]")
    application.refresh_from_db()
    assert application.status == "complete"

    # Two jury members vote yes.
    for juror in fund_world["jurors"]:
        coordinator.page.context.clear_cookies()
        coordinator.force_login(juror)
        coordinator.visit(f"/{slug}/funds/jury/")
        coordinator.visit(f"/{slug}/funds/applications/{application.pk}/")
        coordinator.page.check("#id_vote-choice_0")
        coordinator.page.fill("#id_vote-comment", "Gute Idee.")
        _submit(coordinator, "form[action$='/vote/'] button[type=submit]")
    assert application.votes.filter(choice="yes").count() == 2

    # The coordinator records the jury's decision.
    coordinator.page.context.clear_cookies()
    coordinator.force_login(fund_world["users"]["coordinator"])
    coordinator.visit(f"/{slug}/funds/applications/{application.pk}/decide/")
    coordinator.page.check("#id_outcome_0")
    coordinator.page.check("#id_how_0")
    coordinator.page.fill("#id_amount", "750")
    coordinator.page.fill("#id_rationale", "Der Vergabebeirat empfiehlt den Abend.")
    _submit(coordinator, "main form button[type=submit]")
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.approved_amount == Decimal("750")
    coordinator.visit(f"/{slug}/funds/{fund_world['fund'].slug}/")

    # Anyone sees it on the public list.
    coordinator.page.context.clear_cookies()
    coordinator.visit(f"/{slug}/funds/funded/")
    body = coordinator.page.locator("main").inner_text()
    assert TITLE in body
    assert "750,00" in body
    assert "Kochgruppe Sonnenberg" in body
    applicant.visit(f"/{slug}/funds/funded/")
    assert_fits_phone(applicant)


def test_every_other_funds_page_is_accessible(tab, fund_world):
    """The pages the flow above does not pass: forms of the steering and the
    coordination, a jury meeting's votes, the proof of use, payouts under the
    four-eyes rule (recorded by one person, released by another) and a closed
    grant."""
    from quartier.funds import services
    from quartier.funds.tests.factories import ApplicationFactory

    slug = fund_world["municipality"].slug
    fund = fund_world["fund"]
    call = fund_world["call"]
    users = fund_world["users"]
    application = ApplicationFactory(
        call=call,
        applicant=users["resident"],
        status="complete",
        voting_open=True,
        requested_amount=Decimal("250"),
    )
    services.grant_decide(
        by=users["coordinator"],
        application=application,
        approve=True,
        how="solo",
        amount=Decimal("250"),
        rationale="Klein und gut.",
    )
    type(fund).objects.filter(pk=fund.pk).update(payout_four_eyes=True)
    services.payout_record(
        by=users["coordinator"], application=application, amount=Decimal("100")
    )
    with_the_jury = ApplicationFactory(
        call=call, applicant=users["partner"], status="complete", voting_open=True
    )

    tab.force_login(users["admin"])
    tab.visit(f"/{slug}/funds/applications/{application.pk}/")
    _submit(tab, "form[action$='/release/'] button[type=submit]")
    application.refresh_from_db()
    assert application.paid_total == Decimal("100")
    for path in (
        f"applications/{with_the_jury.pk}/meeting/",
        "new/",
        f"{fund.slug}/edit/",
        f"{fund.slug}/jury/",
        f"{fund.slug}/calls/new/",
        f"calls/{call.pk}/edit/",
        f"applications/{application.pk}/",
    ):
        tab.visit(f"/{slug}/funds/{path}")
    # A form with errors is accessible too.
    tab.visit(f"/{slug}/funds/{fund.slug}/jury/")
    tab.page.fill("#id_email", "niemand@test.example")
    _submit(tab, "main form:not(.q-inline-form) button[type=submit] >> nth=-1")

    tab.page.context.clear_cookies()
    tab.force_login(users["resident"])
    # The proof of use is a list of receipts; their sum is its total.
    tab.visit(f"/{slug}/funds/applications/{application.pk}/receipts/")
    tab.page.fill("#id_paid_on", timezone.localdate().isoformat())
    tab.page.fill("#id_purpose", "Lebensmittel")
    tab.page.fill("#id_amount", "90")
    tab.page.set_input_files(
        "#id_file",
        {"name": "beleg.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"},
    )
    _submit(tab, "main form[enctype] button[type=submit]")
    tab.visit(f"/{slug}/funds/applications/{application.pk}/report/")
    tab.page.fill("#id_what_happened", "Es kamen 30 Nachbar:innen.")
    tab.page.fill("#id_participants", "30")
    _submit(tab, "main form[enctype] button[type=submit]")
    application.refresh_from_db()
    assert application.status == "reported"

    tab.page.context.clear_cookies()
    tab.force_login(users["coordinator"])
    tab.visit(f"/{slug}/funds/applications/{application.pk}/")
    _submit(tab, "form[action$='/close/'] button[type=submit]")
    application.refresh_from_db()
    assert application.status == "closed"
    assert application.returned_amount == Decimal("160")

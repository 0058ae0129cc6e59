"""Funds, legally right (issue 12), in the browser: a coordinator types in an
application received on paper; the jury recommends; another coordinator decides
against the recommendation (the reasons are asked for first) and downloads the
decision letter; a second application is decided as recommended. axe runs on
every page, the error page included."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser


def _submit(tab, selector):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


@pytest.fixture
def legal_world(world):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory
    from quartier.funds.tests.factories import (
        CallFactory,
        FundFactory,
        JuryMemberFactory,
    )

    municipality = world["municipality"]
    fund = FundFactory(
        municipality=municipality,
        name="Quartiersfonds Sonnenberg 2026",
        slug="quartiersfonds-sonnenberg-2026",
        quorum=2,
        solo_limit=Decimal("0"),
        guideline_text="<p>§ 1 Zweck: Begegnung im Quartier.</p>",
    )
    call = CallFactory(fund=fund, title="Aufruf 2026")
    jurors = []
    for i in range(2):
        user = UserFactory(email=f"jury{i}@test.example", display_name=f"Jury {i}")
        MembershipFactory(user=user, municipality=municipality)
        jurors.append(JuryMemberFactory(fund=fund, user=user))
    decider = UserFactory(email="entscheidung@test.example", display_name="Dana Roth")
    MembershipFactory(user=decider, municipality=municipality, role="coordinator")
    return {**world, "fund": fund, "call": call, "jurors": jurors, "decider": decider}


def _recommend(application, jurors, choice):
    from quartier.funds.tests.factories import VoteFactory

    for member in jurors:
        VoteFactory(application=application, member=member, choice=choice)


@pytest.mark.both_widths
def test_paper_application_decided_against_the_recommendation(tab, legal_world):
    from quartier.funds.models import Application
    from quartier.funds.tests.factories import ApplicationFactory

    slug = legal_world["municipality"].slug
    call = legal_world["call"]
    recorder = legal_world["users"]["coordinator"]

    # The coordination types in an application that came on paper.
    tab.force_login(recorder)
    tab.visit(f"/{slug}/funds/calls/{call.pk}/")
    _submit(tab, f"a[href$='/calls/{call.pk}/record/']")
    page = tab.page
    page.check("#id_channel_0")
    page.fill("#id_received_on", timezone.localdate().isoformat())
    page.fill("#id_contact_name", "Hildegard Sommer")
    page.fill("#id_contact_address", "Hügelweg 12\n12345 Musterstadt")
    page.fill("#id_title", "Mittagstisch für Ältere")
    page.fill("#id_group_name", "Mittagstisch Hügelweg 12")
    page.fill("#id_what", "Zehnmal im Jahr kochen Nachbar:innen für Ältere.")
    page.fill("#id_for_whom", "Ältere, die allein leben")
    page.fill("#id_health_benefit", "Gutes Essen und weniger Einsamkeit")
    page.fill("#id_place", "Gemeinschaftsraum")
    starts_on = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_starts_on", starts_on.isoformat())
    page.fill("#id_item_0", "Lebensmittel")
    page.fill("#id_amount_0", "400")
    page.fill("#id_requested_amount", "400")
    assert not page.is_checked("#id_not_started")
    page.check("#id_not_started")
    page.check("#id_not_funded_elsewhere")
    _submit(tab, "main form button[type=submit]")
    application = Application.objects.get()
    assert application.status == "submitted"
    assert application.channel == "paper"
    assert "auf Papier" in page.locator("main").inner_text()

    # Another coordinator pre-checks; the jury recommends the grant.
    tab.page.context.clear_cookies()
    tab.force_login(legal_world["decider"])
    tab.visit(f"/{slug}/funds/{legal_world['fund'].slug}/applications/")
    tab.visit(f"/{slug}/funds/applications/{application.pk}/")
    page.check("#id_outcome_0")
    _submit(tab, "form[action$='/precheck/'] button[type=submit]")
    _recommend(application, legal_world["jurors"], "yes")

    # The decider turns it down against the recommendation: reasons first.
    tab.visit(f"/{slug}/funds/applications/{application.pk}/decide/")
    assert "Der Vergabebeirat empfiehlt die Förderung" in (
        page.locator("main").inner_text()
    )
    page.check("#id_outcome_1")
    page.check("#id_how_0")
    page.fill("#id_rationale", "Das Vorhaben wird bereits anderweitig gefördert.")
    _submit(tab, "main form button[type=submit]")
    assert "bitte begründen Sie" in page.locator("main").inner_text()
    page.fill(
        "#id_deviation_reason",
        "Die Lebensmittel stellt bereits die Tafel Musterstadt (Doppelförderung).",
    )
    _submit(tab, "main form button[type=submit]")
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.follows_recommendation is False
    assert application.decided_by == legal_world["decider"]
    body = page.locator("main").inner_text()
    assert "Die Entscheidung weicht von der Empfehlung ab" in body

    # The letter goes to the contact person.
    response = page.request.get(
        tab.url(f"/{slug}/funds/applications/{application.pk}/letter.pdf")
    )
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # A second application is decided as the jury recommends.
    second = ApplicationFactory(
        call=call,
        applicant=legal_world["users"]["resident"],
        status="complete",
        voting_open=True,
        requested_amount=Decimal("300"),
    )
    _recommend(second, legal_world["jurors"], "yes")
    tab.visit(f"/{slug}/funds/applications/{second.pk}/decide/")
    page.check("#id_outcome_0")
    page.check("#id_how_0")
    page.fill("#id_amount", "300")
    page.fill("#id_rationale", "Passt zur Förderrichtlinie.")
    _submit(tab, "main form button[type=submit]")
    second.refresh_from_db()
    assert second.status == "approved"
    assert second.follows_recommendation is True
    letter = page.request.get(
        tab.url(f"/{slug}/funds/applications/{second.pk}/letter.pdf")
    )
    assert letter.body().startswith(b"%PDF-")

    # The fund page shows the guideline.
    tab.visit(f"/{slug}/funds/{legal_world['fund'].slug}/")
    assert "§ 1 Zweck" in page.locator("main").inner_text()

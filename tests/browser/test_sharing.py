"""Sharing with advisers in the browser: the admin shares the initiatives with the
state's advisory organisation, the adviser sees exactly that module and nothing
else, and when the grant has expired the module is refused. axe and the layout
check run on every page."""

import datetime

import pytest
from django.utils import timezone

from quartier.advisers.models import AdviserView, SharingGrant
from quartier.advisers.tests.factories import AdvisoryOrganisationFactory
from quartier.initiatives.tests.factories import InitiativeFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def organisation(world):
    return AdvisoryOrganisationFactory(
        name="Fachstelle Gesunde Quartiere (Test)",
        members=[world["users"]["adviser"]],
    )


def test_admin_grants_a_module_the_adviser_sees_exactly_that_until_it_expires(
    tab, world, organisation
):
    page = tab.page
    municipality = world["municipality"]
    InitiativeFactory(
        municipality=municipality,
        title="Mittagstisch im Quartierstreff",
        visibility="internal",
    )
    today = timezone.localdate()

    tab.force_login(world["users"]["admin"])
    tab.visit("/musterstadt/settings/")
    with page.expect_navigation():
        page.locator("main a[href='/musterstadt/settings/sharing/']").click()
    tab.scan()
    with page.expect_navigation():
        page.locator("main a[href='/musterstadt/settings/sharing/new/']").click()
    tab.scan()
    page.select_option("select[name=organisation]", str(organisation.pk))
    page.select_option("select[name=module_key]", "initiatives")
    page.fill("textarea[name=purpose]", "Beratung zu den Vorhaben")
    page.fill("input[name=starts_on]", today.isoformat())
    page.fill("input[name=ends_on]", (today + datetime.timedelta(days=90)).isoformat())
    page.fill("textarea[name=legal_basis]", "Kooperationsvereinbarung mit dem Land")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    tab.scan()
    assert tab.path() == "/musterstadt/settings/sharing/"
    assert "Fachstelle Gesunde Quartiere (Test)" in page.locator("main").inner_text()
    grant = SharingGrant.objects.get()
    assert grant.module_key == "initiatives" and grant.granted_by_id

    # The adviser: Musterstadt with exactly the initiatives.
    page.context.clear_cookies()
    tab.force_login(world["users"]["adviser"])
    tab.visit("/advisers/")
    main = page.locator("main")
    assert "Musterstadt" in main.inner_text()
    module_url = "/advisers/m/musterstadt/initiatives/"
    assert main.locator(f"a[href='{module_url}']").count() == 1
    assert main.locator("a[href^='/advisers/m/musterstadt/impact']").count() == 0
    with page.expect_navigation():
        main.locator(f"a[href='{module_url}']").first.click()
    tab.scan()
    assert "Mittagstisch im Quartierstreff" in page.locator("main").inner_text()
    assert AdviserView.objects.filter(module_key="initiatives").exists()
    tab.visit("/advisers/m/musterstadt/impact.indicators/", status=403)

    # The grant expires: the module is refused, the dashboard lists nothing.
    SharingGrant.objects.filter(pk=grant.pk).update(
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=1),
    )
    tab.visit(module_url, status=403)
    tab.visit("/advisers/")
    assert page.locator(f"main a[href='{module_url}']").count() == 0


def test_every_page_of_the_fachberatung_passes_axe_and_the_layout_check(
    tab, world, organisation
):
    from quartier.advisers.tests.factories import (
        ConsultationFactory,
        PracticeExampleFactory,
        SharingGrantFactory,
    )

    page = tab.page
    municipality = world["municipality"]
    SharingGrantFactory(municipality=municipality, organisation=organisation)
    ConsultationFactory(
        municipality=municipality,
        organisation=organisation,
        topic="Auftaktgespräch zum Quartiers-Check",
        follow_up_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    example = PracticeExampleFactory(
        municipality=municipality,
        contact=world["users"]["coordinator"],
        title="Bürgerbus am Wochenende",
    )

    tab.force_login(world["users"]["adviser"])
    tab.visit("/advisers/m/musterstadt/")
    assert "Auftaktgespräch zum Quartiers-Check" in page.locator("main").inner_text()
    tab.visit("/advisers/m/musterstadt/consultations/new/")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    tab.scan()  # the form again, with its messages next to the fields
    tab.visit("/advisers/practice/")
    tab.visit(f"/advisers/practice/musterstadt/{example.pk}/")
    assert page.locator("main textarea[name=question]").count() == 1

    page.context.clear_cookies()
    tab.force_login(world["users"]["admin"])
    for path in ("log/", "consultations/", "practice/new/", "practice/"):
        tab.visit(f"/musterstadt/settings/sharing/{path}")
    assert "Bürgerbus am Wochenende" in page.locator("main").inner_text()

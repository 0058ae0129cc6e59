"""Role profiles in the browser: a coordinator writes a profile, adds a competence
and sees the matching qualification offer; a resident reads the profile without
the name of a holder who has not consented. axe and the layout check run on every
page."""

import pytest

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.roles.models import RoleProfile
from quartier.roles.tests.factories import QualificationOfferFactory, RoleHolderFactory

pytestmark = pytest.mark.browser

HIDDEN = "Ottilie Verborgen"


@pytest.mark.both_widths
def test_a_coordinator_describes_a_role_and_finds_a_matching_offer(tab, world):
    municipality = world["municipality"]
    QualificationOfferFactory(
        municipality=None,
        title="Netzwerke im Sozialraum",
        provider="Fachberatung des Landes (fiktiv)",
        competences="Netzwerkarbeit",
    )
    page = tab.page
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/roles/")
    with page.expect_navigation():
        page.locator("main a", has_text="Rollenprofil anlegen").click()
    tab.scan()
    page.fill("#id_name", "Vernetzer:in Altstadt")
    page.fill("#id_tasks", "Bringt Vereine und Praxen zusammen")
    page.select_option("#id_securing", "volunteer")
    page.fill("#id_competence_lines", "netzwerkarbeit")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    main = page.locator("main").inner_text()
    assert "Vernetzer:in Altstadt" in main
    assert "Netzwerke im Sozialraum" in main
    profile = RoleProfile.objects.get(municipality=municipality)
    assert [c.name for c in profile.competences.all()] == ["netzwerkarbeit"]
    with page.expect_navigation():
        page.locator("main a", has_text="Alle Qualifizierungsangebote").click()
    tab.scan()
    assert "Netzwerke im Sozialraum" in page.locator("main").inner_text()


def test_a_resident_reads_a_role_without_names_not_yet_consented(tab, world):
    municipality = world["municipality"]
    profile = RoleProfile.objects.create(
        municipality=municipality,
        name="Community Health Broker",
        tasks="Verbindet Bewohner:innen mit Angeboten",
    )
    hidden = UserFactory(display_name=HIDDEN)
    MembershipFactory(user=hidden, municipality=municipality, role="partner")
    RoleHolderFactory(profile=profile, user=hidden)
    tab.force_login(world["users"]["resident"])
    tab.visit("/musterstadt/roles/")
    assert HIDDEN not in tab.page.content()
    tab.visit(f"/musterstadt/roles/{profile.pk}/")
    main = tab.page.locator("main").inner_text()
    assert "Community Health Broker" in main
    assert "Für diese Rolle ist noch niemand genannt." in main
    assert HIDDEN not in tab.page.content()

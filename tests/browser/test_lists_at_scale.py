"""Long lists shown in parts (issue 19), in a real browser without JavaScript, axe
on every page, at 1280 and 360 px: "Offerings I maintain" with many places and
its place search, an actor's ties page by page, the filtered contribution list."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_a_coordinator_finds_a_place_behind_the_first_20_without_javascript(
    nojs_tab, world
):
    from quartier.directory.models import Location

    municipality = world["municipality"]
    Location.objects.bulk_create(
        Location(municipality=municipality, name=f"Treffpunkt {i:02d}")
        for i in range(25)
    )
    nojs_tab.force_login(world["users"]["coordinator"])
    nojs_tab.visit("/musterstadt/directory/manage/")
    page = nojs_tab.page
    assert page.locator("#place-count").inner_text().startswith("Die ersten 20 von 25")
    page.fill("#place-search", "Treffpunkt 24")
    with page.expect_navigation():
        page.get_by_role("button", name="Suchen").click()
    nojs_tab.scan()
    places = page.locator("#places ~ ul.q-result-list li")
    assert places.count() == 1 and places.inner_text() == "Treffpunkt 24"
    assert page.input_value("#place-search") == "Treffpunkt 24"


def test_an_actors_ties_are_read_page_by_page_without_javascript(nojs_tab, world):
    from quartier.actors.tests.factories import ActorFactory, TieFactory

    sport, municipality = world["sport"], world["municipality"]
    for i in range(22):
        TieFactory(
            source=ActorFactory(municipality=municipality, name=f"Partner {i:02d}"),
            target=sport,
        )
    nojs_tab.visit(f"/musterstadt/actors/{sport.pk}/")
    page = nojs_tab.page
    assert "23 bestätigte Beziehungen." in page.locator("#tie-count").inner_text()
    assert page.locator("main table tbody tr").count() == 20
    with page.expect_navigation():
        page.get_by_role("link", name="Nächste Seite").click()
    nojs_tab.scan()
    assert page.locator("main table tbody tr").count() == 3


def test_the_filtered_contribution_list_passes_the_scan(tab, world):
    from quartier.participation.tests.factories import ContributionFactory

    municipality = world["municipality"]
    for i in range(3):
        ContributionFactory(
            municipality=municipality,
            neighborhood=world["neighborhood"],
            title=f"Bank am Spielplatz {i}",
            status="taken_up",
        )
    tab.visit("/musterstadt/participation/?kind=idea&status=taken_up")
    assert tab.page.locator("ul.q-result-list > li").count() == 3
    assert "aufgegriffen" in tab.page.locator("ul.q-result-list").inner_text()

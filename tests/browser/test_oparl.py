"""The council link in the browser (issue 17), layout at 1280 and 360 px and axe
on every page: a coordinator links a forum recommendation to a council paper from
the decision's page and sees the paper's status and consultations there; the
paper's page and the forum's "Was aus unseren Empfehlungen wurde" show it too."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


@pytest.fixture
def council(world):
    from quartier.forums.tests.factories import DecisionFactory, ForumFactory
    from quartier.oparl.models import CouncilSource
    from quartier.oparl.tests.factories import CouncilPaperFactory, consult

    municipality = world["municipality"]
    CouncilSource.objects.create(
        municipality=municipality, system_url="https://ris.test.example/oparl/system"
    )
    forum = ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")
    decision = DecisionFactory(
        agenda_item__meeting__forum=forum,
        kind="recommendation",
        text="Der Spielplatz am Lindenweg bekommt Sonnensegel.",
    )
    paper = CouncilPaperFactory(
        municipality=municipality,
        name="Sonnensegel für den Spielplatz Lindenweg",
        reference="VO/0117",
    )
    CouncilPaperFactory(municipality=municipality, name="Haushaltssatzung")
    consult(
        paper,
        organization_name="Ausschuss für Umwelt",
        result="Empfohlen",
        start=datetime.datetime(2026, 3, 10, 16, tzinfo=datetime.UTC),
    )
    consult(
        paper,
        organization_name="Rat der Stadt",
        result="Beschlossen",
        start=datetime.datetime(2026, 3, 24, 16, tzinfo=datetime.UTC),
        role="Beschlussfassung",
    )
    return decision, paper


def test_a_coordinator_links_a_recommendation_and_sees_its_council_status(
    tab, world, council
):
    from quartier.oparl.models import PaperLink

    decision, paper = council
    tab.force_login(world["users"]["coordinator"])
    tab.visit(decision.get_absolute_url())
    page = tab.page
    with page.expect_navigation():
        page.get_by_role("link", name="Mit einer Ratsvorlage verknüpfen").click()
    tab.scan()
    page.select_option("#id_paper", label=str(paper))
    with page.expect_navigation():
        page.get_by_role("button", name="Verknüpfen").click()
    tab.scan()
    assert PaperLink.objects.get().paper == paper
    main = page.locator("main").inner_text()
    assert "VO/0117: Sonnensegel für den Spielplatz Lindenweg" in main
    assert "Beschlossen" in main and "Ausschuss für Umwelt" in main

    with page.expect_navigation():
        page.get_by_role("link", name=str(paper)).click()
    tab.scan()
    assert page.get_by_role("table").first.is_visible()
    assert "Rat der Stadt" in page.locator("main").inner_text()

    tab.visit(f"/musterstadt/oparl/forums/{decision.forum.slug}/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Was aus unseren Empfehlungen wurde"
    assert "VO/0117" in page.locator("main").inner_text()

"""The network page in the browser, with and without JavaScript, at 1280 and 360
px: the graph draws the snapshot (search finds an actor and lists its ties), and
without JavaScript the tables hold everything. axe and the layout check run on
every page; the relationship survey's answer page too."""

import datetime

import pytest
from django.utils import timezone

from quartier.actors.models import Sector
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.network import services
from quartier.network.models import Participant, SurveyRound
from quartier.network.survey_links import make_token

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


@pytest.fixture
def network(world):
    municipality = world["municipality"]
    health = Sector.objects.filter(code="gesundheitswesen")
    kiosk = ActorFactory(
        municipality=municipality, name="Gesundheitskiosk", sectors=health
    )
    mosque = ActorFactory(municipality=municipality, name="Moscheegemeinde")
    practice = ActorFactory(
        municipality=municipality, name="Hausarztpraxis", sectors=health
    )
    TieFactory(municipality=municipality, source=kiosk, target=mosque)
    TieFactory(municipality=municipality, source=kiosk, target=practice)
    services.snapshot_take(by=world["users"]["coordinator"], municipality=municipality)
    return kiosk


def test_the_graph_draws_the_snapshot_and_search_shows_ties(tab, world, network):
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/network/")
    page = tab.page
    page.wait_for_selector("#network-graph canvas")
    assert page.locator("#network-graph-section").is_visible()
    page.fill("#network-search", "Gesundheitskiosk")
    page.dispatch_event("#network-search", "change")
    page.wait_for_function(
        "document.getElementById('network-selection').textContent.includes('Moscheegemeinde')"
    )
    assert "Hausarztpraxis" in page.inner_text("#network-selection")
    tab.scan()


def test_without_javascript_the_tables_hold_the_network(nojs_tab, world, network):
    nojs_tab.force_login(world["users"]["coordinator"])
    nojs_tab.visit("/musterstadt/network/")
    page = nojs_tab.page
    assert not page.locator("#network-graph-section").is_visible()
    actors = page.inner_text("#network-actors")
    assert "Gesundheitskiosk" in actors and "Moscheegemeinde" in actors
    assert "Hausarztpraxis" in page.inner_text("#network-ties")


def test_an_organisation_answers_the_survey_by_its_link(tab, world, network):
    round = SurveyRound.objects.create(
        municipality=world["municipality"],
        title="Beziehungsbefragung",
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    participant = Participant.objects.create(round=round, actor=network)
    tab.visit(f"/musterstadt/network/surveys/answer/{make_token(participant)}/")
    assert "Gesundheitskiosk" in tab.page.inner_text("main")

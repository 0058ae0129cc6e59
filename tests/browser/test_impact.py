"""Goals and impact in the browser (issue 14), at 1280 and 360 px with axe on every
page: a coordinator records a measurement (first a wrong one: the German message
next to the field, the input kept), a resident reads a goal with its staircase and
the indicator page with its chart, table and traffic light in words."""

import datetime
from decimal import Decimal

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


@pytest.fixture
def indicator(world):
    from quartier.impact.tests.factories import (
        GoalFactory,
        ImpactModelFactory,
        IndicatorFactory,
        MeasurementFactory,
    )

    goal = GoalFactory(
        municipality=world["municipality"],
        title="Niemand bleibt im Alter allein",
        narrative="<p>Einsamkeit macht krank; Begegnung hält gesund.</p>",
    )
    model = ImpactModelFactory(goal=goal, stage_2="Ältere kommen zu den Treffs.")
    indicator = IndicatorFactory(
        impact_model=model, name="Teilnehmende an Gehgruppen", unit="Personen"
    )
    for month, value in ((1, 30), (4, 41), (7, 52)):
        MeasurementFactory(
            indicator=indicator, date=datetime.date(2025, month, 1), value=value
        )
    return indicator


def test_a_coordinator_records_a_measurement(tab, world, indicator):
    from quartier.impact.models import Measurement
    from quartier.initiatives.tests.factories import InitiativeFactory

    InitiativeFactory(municipality=world["municipality"], title="Elterncafé")
    tab.force_login(world["users"]["coordinator"])
    goals = f"/{world['municipality'].slug}/impact/"
    tab.visit(goals)  # with the initiative search
    tab.visit(goals + "?initiative_search=Eltern")  # and the initiatives it found
    tab.visit(goals + "?initiative_search=Schwimmbad")  # and none
    tab.visit(indicator.get_absolute_url())
    page = tab.page
    page.fill("#id_date", "2025-10-01")
    page.fill("#id_value", "viele")
    page.fill("#id_note", "Zählung im Oktober")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    tab.scan()
    assert page.locator("#id_value_error").is_visible()
    assert page.input_value("#id_note") == "Zählung im Oktober"
    page.fill("#id_value", "63")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    tab.scan()
    stored = Measurement.objects.get(indicator=indicator, date="2025-10-01")
    assert stored.value == Decimal("63")
    assert "63" in page.locator("main table").inner_text()


def test_a_resident_reads_a_goal_and_its_indicator(tab, world, indicator):
    tab.force_login(world["users"]["resident"])
    goal = indicator.impact_model.goal
    tab.visit(f"/{world['municipality'].slug}/impact/")
    tab.visit(goal.get_absolute_url())
    page = tab.page
    assert page.locator("ol.q-staircase > li").count() == 7
    assert "Begegnung hält gesund" in page.locator("main").inner_text()
    tab.visit(indicator.get_absolute_url())
    assert page.locator("main svg").count() == 1
    assert page.locator("main table tbody tr").count() == 3
    assert "52 von 80 Personen erreicht" in page.locator("main").inner_text()


def test_a_coordinator_finds_the_decision_of_a_goal_by_a_search(tab, world):
    from quartier.forums.tests.factories import DecisionFactory
    from quartier.impact.models import Goal

    municipality = world["municipality"]
    decision = DecisionFactory(
        agenda_item__meeting__forum__municipality=municipality,
        text="Der Spielplatz am Lindenweg wird erneuert.",
    )
    tab.force_login(world["users"]["coordinator"])
    tab.visit(f"/{municipality.slug}/impact/goals/new/")
    page = tab.page
    page.fill("#id_title", "Spielen im Quartier")
    page.fill("#id_decision_search", "Spielplatz")
    with page.expect_navigation():
        page.locator("button[name=search_decision]").click()
    tab.scan()
    assert page.input_value("#id_title") == "Spielen im Quartier"
    page.get_by_label("Der Spielplatz am Lindenweg", exact=False).check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    tab.scan()
    assert Goal.objects.get(title="Spielen im Quartier").decision == decision

"""The Quartiers-Check and the support offers in the browser (issue 16), layout at
1280 and 360 px and axe on every page: a coordinator opens a round, answers, confirms
a suggestion from the data, sees the weak area's next steps and marks one done; a
resident reads the public support offers and the process guide."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


def test_the_coordinator_answers_confirms_a_suggestion_and_sees_next_steps(tab, world):
    from quartier.support.models import CheckAnswer, CheckResult, NextStep
    from quartier.support.tests.factories import SupportOfferFactory

    SupportOfferFactory(title="Fachberatung vor Ort", recommendations="|R1|")
    municipality = world["municipality"]
    coordinator = world["users"]["coordinator"]
    tab.force_login(coordinator)
    tab.visit(f"/{municipality.slug}/check/")
    page = tab.page
    page.fill("#id_year", "2026")
    submit(page)
    tab.scan()
    assert "Quartiers-Check 2026" in page.get_by_role("heading", level=1).inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Fragen beantworten").click()
    tab.scan()
    page.check('[id="id_v_r1.forums_2"]')
    page.fill('[id="id_e_r1.forums"]', "Das Gesundheitsforum tagt zweimal im Jahr.")
    submit(page)
    tab.scan()
    answer = CheckAnswer.objects.get(person=coordinator)
    assert (answer.question, answer.value) == ("r1.forums", 3)
    assert "1 Antwort:" in page.locator('[id="r1.forums"]').inner_text()

    # The world has actors but no intermediary: Quartier suggests step 1 for r1.brokers.
    with page.expect_navigation():
        page.get_by_role(
            "link", name=re.compile("Vorschlag bestätigen oder abweichen")
        ).first.click()
    tab.scan()
    assert "vorgeschlagen, weil 0 Akteure" in page.locator("main").inner_text()
    submit(page)
    tab.scan()
    result = CheckResult.objects.get(question="r1.brokers")
    assert (result.value, result.suggested_value) == (1, 1)

    with page.expect_navigation():
        page.get_by_role("link", name="Ergebnis und nächste Schritte").first.click()
    tab.scan()
    # The table holds the chart's numbers: R1 is weak with its one confirmed result.
    assert "R1 Steuerung neu verstehen\t1" in page.locator("table").first.inner_text()
    assert page.get_by_role("link", name="Fachberatung vor Ort").count() == 1
    with page.expect_navigation():
        page.get_by_role(
            "button", name="Vorgeschlagene nächste Schritte übernehmen"
        ).click()
    tab.scan()
    assert NextStep.objects.filter(recommendation="R1").count() == 2
    with page.expect_navigation():
        page.get_by_role(
            "button", name=re.compile("Als erledigt markieren")
        ).first.click()
    tab.scan()
    assert NextStep.objects.filter(done_on__isnull=False).count() == 1


def test_a_resident_reads_the_support_offers_and_the_guide(tab, world):
    from quartier.support.models import OfferDeadline
    from quartier.support.tests.factories import SupportOfferFactory

    offer = SupportOfferFactory(
        kind="funding",
        title="Kleinprojektefonds Engagement",
        amount_min=300,
        amount_max=2500,
        cofinancing_percent=0,
        phases="|pilot|",
    )
    OfferDeadline.objects.create(offer=offer, due_on="2030-03-31", label="Vergaberunde")
    municipality = world["municipality"]
    tab.force_login(world["users"]["resident"])
    tab.visit(f"/{municipality.slug}/support/")
    page = tab.page
    tab.scan()
    assert page.get_by_role("heading", name="Förderung").count() == 1
    with page.expect_navigation():
        page.get_by_role("link", name="Kleinprojektefonds Engagement").click()
    tab.scan()
    assert "bis 2.500 €" in page.locator("main").inner_text()
    tab.visit(f"/{municipality.slug}/support/guide/")
    tab.scan()
    assert page.get_by_role("link", name="Kleinprojektefonds Engagement").count() == 1
    tab.visit("/support/")
    tab.scan()
    assert page.get_by_role("link", name="Kleinprojektefonds Engagement").count() == 1
    # The check itself is the team's.
    tab.visit(f"/{municipality.slug}/check/", status=403)

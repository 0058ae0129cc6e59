"""Surveys in the browser (issue 4): a coordinator builds and publishes a survey
without JavaScript; a resident answers it on a 360 px phone, a mistake is shown next
to the field; the results show charts with tables. Every page is scanned by axe."""

import pytest

from tests.browser.conftest import _new_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_nojs_tab(browser, live_server):
    yield from _new_tab(
        browser,
        live_server,
        java_script_enabled=False,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


def _submit(tab, selector="main form button[type=submit]"):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


def test_a_coordinator_builds_and_publishes_a_survey(nojs_tab, world):
    from quartier.surveys.models import Survey

    tab = nojs_tab
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/surveys/new/")
    tab.page.fill("input[name=title]", "Wie gut kennen Sie Ihre Nachbarschaft?")
    tab.page.fill("textarea[name=intro]", "Gute Nachbarschaft hält gesund.")
    _submit(tab)
    survey = Survey.objects.get()
    tab.visit(f"/musterstadt/surveys/{survey.pk}/questions/new/")
    tab.page.fill("input[name=text]", "Wie viele Nachbarn kennen Sie mit Namen?")
    tab.page.select_option("select[name=kind]", "single")
    tab.page.check("input[name=required]")
    tab.page.fill("textarea[name=choices]", "keine\n1 bis 3\nmehr als 3")
    _submit(tab)
    tab.visit(f"/musterstadt/surveys/{survey.pk}/questions/new/")
    tab.page.fill("input[name=text]", "Wie wohl fühlen Sie sich?")
    tab.page.select_option("select[name=kind]", "scale")
    tab.page.fill("input[name=scale_low_label]", "gar nicht")
    tab.page.fill("input[name=scale_high_label]", "sehr")
    _submit(tab)
    _submit(tab, "main form[action$='/publish/'] button")
    survey.refresh_from_db()
    assert survey.is_open
    assert survey.questions.count() == 2


def test_a_resident_answers_a_survey_on_a_phone(
    phone_nojs_tab, world, assert_fits_phone
):
    from quartier.surveys.models import Response
    from quartier.surveys.tests.factories import survey_with_questions

    survey, q = survey_with_questions(
        world["municipality"], title="Hitze im Sommer", show_results_while_open=True
    )
    tab = phone_nojs_tab
    tab.force_login(world["users"]["resident"])
    tab.visit(f"/musterstadt/surveys/{survey.pk}/")
    assert_fits_phone(tab)
    with tab.page.expect_navigation():
        tab.page.locator(f"a[href$='/surveys/{survey.pk}/answer/']").click()
    tab.scan()
    assert_fits_phone(tab)
    page = tab.page
    # The scale is a group of radios with a legend and labelled ends.
    legend = page.locator(f"fieldset#id_q{q['scale'].pk} legend")
    assert q["scale"].text in legend.inner_text()
    assert (
        page.locator(f"label[for=id_q{q['scale'].pk}_0]").inner_text()
        == "1 – gar nicht"
    )
    page.fill(f"textarea[name=q{q['text'].pk}]", "Mehr Bänke im Schatten")
    _submit(tab)  # the required question is missing
    assert page.locator(f"#id_q{q['single'].pk}_error").is_visible()
    assert page.locator(f"textarea[name=q{q['text'].pk}]").input_value() == (
        "Mehr Bänke im Schatten"
    )
    page.get_by_label("Schatten", exact=True).check()
    page.get_by_label("Nachbarn").check()
    page.get_by_label("4", exact=True).check()
    _submit(tab)
    assert Response.objects.filter(
        survey=survey, user=world["users"]["resident"]
    ).exists()
    assert "/answer/" not in tab.path()
    tab.visit(f"/musterstadt/surveys/{survey.pk}/results/")
    assert_fits_phone(tab)
    assert tab.page.locator("svg.q-chart__svg").count() == 3
    assert "Mehr Bänke im Schatten" in tab.page.content()

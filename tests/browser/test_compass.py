"""The Spannungsfelder-Kompass and "time made visible" in the browser (issues 4, 5).

A resident fills in the compass with the keyboard (number fields), the results page
is scanned by axe; a coordinator opens the results and the time pages. Elements are
found by their id and address, not by German text.
"""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def open_round(world):
    from quartier.compass.models import TensionField
    from quartier.compass.tests.factories import RoundFactory, assess

    round = RoundFactory(
        municipality=world["municipality"], title="Frühjahr 2027", status="open"
    )
    fields = list(TensionField.objects.of(world["municipality"]).active())
    # Earlier answers of two perspectives, so the results have something to show.
    for i, perspective in enumerate(["administration"] * 3 + ["civil_society"] * 3):
        assess(
            round,
            perspective,
            {f: (20 + i * 10, 60, "Mehr Freiraum für Initiativen") for f in fields},
        )
    return round, fields


def test_a_resident_fills_in_the_compass_with_the_keyboard(tab, world, open_round):
    from quartier.compass.models import Assessment

    round, fields = open_round
    resident = world["users"]["resident"]
    tab.force_login(resident)
    tab.visit(f"/musterstadt/compass/rounds/{round.pk}/")
    tab.visit(f"/musterstadt/compass/rounds/{round.pk}/assess/")
    page = tab.page
    page.focus("#id_perspective_4")  # Bewohner:innen
    page.keyboard.press("Space")
    for i, field in enumerate(fields):
        page.focus(f"#id_f{field.pk}_current")
        page.keyboard.type(str(10 + i))
        page.keyboard.press("Tab")
        # The slider follows the number (compass.js).
        assert page.input_value(f"#id_f{field.pk}_current_slider") == str(10 + i)
        page.focus(f"#id_f{field.pk}_target")
        page.keyboard.type("80")
    # One number out of range: the page comes back with the message and the input.
    page.fill(f"#id_f{fields[0].pk}_target", "180")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab.scan()
    assert page.input_value(f"#id_f{fields[0].pk}_target") == "180"
    assert page.locator(f"#id_f{fields[0].pk}_target_error").is_visible()
    page.fill(f"#id_f{fields[0].pk}_target", "80")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    assert tab.path() == f"/musterstadt/compass/rounds/{round.pk}/"
    assessment = Assessment.objects.get(round=round, user=resident)
    assert assessment.perspective == "residents"
    assert sorted(assessment.positions.values_list("current", flat=True)) == [
        10,
        11,
        12,
        13,
        14,
    ]
    assert page.locator("main svg").count() >= len(fields)


def test_a_coordinator_opens_the_results_and_the_time_pages(tab, world, open_round):
    from quartier.forums.tests.factories import MeetingFactory

    round, fields = open_round
    MeetingFactory(forum__municipality=world["municipality"], title="Quartiersforum")
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/compass/")
    assert tab.page.locator("#talking-points").is_visible()
    tab.visit(f"/musterstadt/compass/rounds/{round.pk}/agenda/?field={fields[0].pk}")
    tab.page.select_option("#id_meeting", index=1)
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()
    tab.scan()
    assert "/meetings/" in tab.path()
    tab.visit("/musterstadt/compass/trends/")
    tab.visit("/musterstadt/compass/fields/")
    # Time entries are off until an admin confirms the staff council's agreement.
    from quartier.learning.models import TimeTrackingSetting

    TimeTrackingSetting.objects.create(
        municipality=world["municipality"], mode="agreement"
    )
    tab.visit("/musterstadt/learning/time/new/")
    tab.page.fill("#id_hours", "1.5")
    tab.page.select_option("#id_category", "moderation")
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()
    tab.scan()
    tab.visit("/musterstadt/learning/time/")
    assert tab.page.locator("main svg").count() >= 3


def test_the_compass_form_and_results_fit_a_phone_without_javascript(
    nojs_tab, phone_tab, world, open_round, assert_fits_phone
):
    round, fields = open_round
    phone_tab.visit(f"/musterstadt/compass/rounds/{round.pk}/")
    assert_fits_phone(phone_tab)
    phone_tab.force_login(world["users"]["partner"])
    phone_tab.visit(f"/musterstadt/compass/rounds/{round.pk}/assess/")
    assert_fits_phone(phone_tab)
    # Without JavaScript the sliders are plain inputs; an empty number takes the
    # slider's value.
    nojs_tab.force_login(world["users"]["resident"])
    nojs_tab.visit(f"/musterstadt/compass/rounds/{round.pk}/assess/")
    page = nojs_tab.page
    page.check("#id_perspective_2")
    for field in fields:
        page.fill(f"#id_f{field.pk}_current_slider", "33")
        page.fill(f"#id_f{field.pk}_target", "66")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    nojs_tab.scan()
    from quartier.compass.models import Assessment

    assessment = Assessment.objects.get(round=round, user=world["users"]["resident"])
    assert set(assessment.positions.values_list("current", "target")) == {(33, 66)}

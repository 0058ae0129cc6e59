"""The directory in a real browser: a resident filters by language and
neighbourhood and opens an offering; axe on every page; 360 px; without JS."""

import datetime

import pytest

pytestmark = pytest.mark.browser

DIRECTORY = "/musterstadt/directory/"


@pytest.fixture
def offerings(world):
    from quartier.actors.tests.factories import ActorFactory
    from quartier.directory.tests.factories import (
        ContactFactory,
        LocationFactory,
        ScheduleFactory,
        ServiceFactory,
        term,
    )

    municipality = world["municipality"]
    sonnenberg = world["neighborhood"]
    club = ActorFactory(municipality=municipality, name="Sportverein am Hang")
    cafe = LocationFactory(
        municipality=municipality,
        name="Seniorentreff im Bürgerhaus",
        neighborhood=sonnenberg,
        is_meeting_place=True,
        meeting_place_kind="centre",
        barrier_free=True,
    )
    gym = ServiceFactory(
        municipality=municipality,
        provider=club,
        name="Sanfte Gymnastik 60+",
        terms=[term(municipality, "bewegung"), term(municipality, "aeltere")],
        languages=["de", "tr"],
        neighborhoods=[sonnenberg],
        locations=[cafe],
    )
    ScheduleFactory(
        service=gym, byday="TU", opens_at=datetime.time(14), closes_at=datetime.time(16)
    )
    ContactFactory(service=gym, name="Frau Yilmaz")
    ServiceFactory(
        municipality=municipality,
        provider=club,
        name="Lauftreff",
        terms=[term(municipality, "bewegung")],
        languages=["de"],
        neighborhoods=[sonnenberg],
    )
    ServiceFactory(
        municipality=municipality,
        name="Deutsch-Café",
        terms=[term(municipality, "bildung")],
        languages=["tr", "ar"],
    )
    return {"gym": gym, "cafe": cafe}


def _names(tab):
    return tab.page.locator("#directory-results h2 a").all_inner_texts()


def test_resident_filters_by_language_and_neighbourhood_and_opens_an_offering(
    tab, world, offerings
):
    tab.force_login(world["users"]["resident"])
    tab.visit(DIRECTORY)
    assert set(_names(tab)) == {"Sanfte Gymnastik 60+", "Lauftreff", "Deutsch-Café"}

    # The filters are a plain GET form: the list and the map beside it reload.
    tab.page.select_option("#id_language", "tr")
    tab.page.select_option("#id_neighborhood", "sonnenberg")
    with tab.page.expect_navigation():
        tab.page.locator("form[role=search] button[type=submit]").click()
    assert "language=tr" in tab.path() and "neighborhood=sonnenberg" in tab.path()
    assert _names(tab) == ["Sanfte Gymnastik 60+"]
    tab.scan()

    with tab.page.expect_navigation():
        tab.page.locator("#directory-results h2 a").first.click()
    tab.scan()
    body = tab.page.locator("main").inner_text()
    assert "Sanfte Gymnastik 60+" in body
    assert "Seniorentreff im Bürgerhaus" in body
    assert "Frau Yilmaz" in body

    with tab.page.expect_navigation():
        tab.page.locator("main a", has_text="Seniorentreff im Bürgerhaus").first.click()
    tab.scan()
    assert "Sanfte Gymnastik 60+" in tab.page.locator("main").inner_text()


def test_filters_work_without_javascript(nojs_tab, world, offerings):
    tab = nojs_tab
    tab.visit(DIRECTORY)
    tab.page.select_option("#id_language", "ar")
    with tab.page.expect_navigation():
        tab.page.locator("form[role=search] button[type=submit]").click()
    tab.scan()
    assert _names(tab) == ["Deutsch-Café"]


def test_every_directory_page_passes_axe(tab, world, offerings):
    tab.force_login(world["users"]["coordinator"])
    gym, cafe = offerings["gym"], offerings["cafe"]
    for path in [
        DIRECTORY,
        f"{DIRECTORY}?q=Sport&open_now=on",
        f"{DIRECTORY}places/",
        f"{DIRECTORY}places/meeting/",
        f"{DIRECTORY}places/{cafe.pk}/",
        f"{DIRECTORY}offerings/{gym.pk}/",
        f"{DIRECTORY}offerings/{gym.pk}/edit/",
        f"{DIRECTORY}offerings/new/",
        f"{DIRECTORY}places/new/",
        f"{DIRECTORY}places/{cafe.pk}/edit/",
        f"{DIRECTORY}manage/",
        f"{DIRECTORY}terms/",
    ]:
        tab.visit(path)


def test_form_errors_pass_axe(tab, world, offerings):
    tab.force_login(world["users"]["coordinator"])
    tab.visit(f"{DIRECTORY}offerings/new/")
    tab.page.fill("#id_name", "")
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").first.click()
    tab.scan()
    assert tab.page.locator(".kern-error").count() > 0


def test_directory_fits_a_phone(assert_fits_phone, phone_tab, world, offerings):
    gym, cafe = offerings["gym"], offerings["cafe"]
    for path in [
        DIRECTORY,
        f"{DIRECTORY}offerings/{gym.pk}/",
        f"{DIRECTORY}places/meeting/",
        f"{DIRECTORY}places/{cafe.pk}/",
    ]:
        phone_tab.visit(path)
        assert_fits_phone(phone_tab)


def test_partner_enters_a_weekly_time_in_plain_words_without_javascript(
    nojs_tab, world, offerings
):
    tab = nojs_tab
    tab.force_login(world["users"]["partner"])
    tab.visit(f"{DIRECTORY}offerings/new/")
    page = tab.page
    # The rarely used fields are folded away; the first time row is open.
    assert not page.locator("#id_minimum_age").is_visible()
    assert page.locator("#id_schedules-0-opens_at").is_visible()
    page.fill("#id_name", "Rückenfit am Dienstag")
    page.locator("input[name=topics]").first.check()
    page.locator("input[name=target_groups]").first.check()
    page.check("#id_schedules-0-days_1")
    page.fill("#id_schedules-0-opens_at", "14:00")
    page.fill("#id_schedules-0-closes_at", "16:00")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    tab.scan()
    assert "Rückenfit am Dienstag" in page.locator("h1").inner_text()
    assert "dienstags 14–16 Uhr" in page.locator("main").inner_text()

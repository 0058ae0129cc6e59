"""At 360 CSS pixels wide no page scrolls sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_public_pages_fit_a_360_px_screen(assert_fits_phone, phone_tab, world):
    sport = world["sport"]
    for path in [
        "/",
        "/musterstadt/",
        "/musterstadt/actors/",
        f"/musterstadt/actors/{sport.pk}/",
        f"/musterstadt/neighborhoods/{world['neighborhood'].slug}/",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        phone_tab.visit(path)
        assert_fits_phone(phone_tab)


def test_coordinator_pages_fit_a_360_px_screen(assert_fits_phone, phone_tab, world):
    phone_tab.force_login(world["users"]["admin"])
    sport = world["sport"]
    for path in [
        "/musterstadt/actors/",
        f"/musterstadt/actors/{sport.pk}/",
        "/musterstadt/actors/new/",
        f"/musterstadt/actors/{sport.pk}/ties/new/",
        "/musterstadt/members/",
        "/accounts/me/",
    ]:
        phone_tab.visit(path)
        assert_fits_phone(phone_tab)


def test_error_summary_fits_a_360_px_screen(assert_fits_phone, phone_tab, world):
    phone_tab.force_login(world["users"]["coordinator"])
    phone_tab.visit("/musterstadt/actors/new/")
    with phone_tab.page.expect_navigation():
        phone_tab.page.locator("main form button[type=submit]").click()
    phone_tab.scan()

    assert phone_tab.page.locator("[data-error-summary]").is_visible()
    assert_fits_phone(phone_tab)


def test_focused_skip_link_fits_a_360_px_screen(assert_fits_phone, phone_tab, world):
    phone_tab.visit("/musterstadt/")
    phone_tab.page.keyboard.press("Tab")

    assert (
        phone_tab.page.evaluate("() => document.activeElement.getAttribute('href')")
        == "#main"
    )
    right = phone_tab.page.evaluate(
        "() => document.activeElement.getBoundingClientRect().right"
    )
    assert right <= 360
    assert_fits_phone(phone_tab)

"""At 360 CSS pixels wide no page scrolls sideways."""

import pytest

pytestmark = pytest.mark.browser

NARROW = 360


def _assert_no_horizontal_scrolling(tab):
    widths = tab.page.evaluate(
        """() => ({doc: document.documentElement.scrollWidth,
                   body: document.body.scrollWidth,
                   wide: [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                     .filter(e => !e.closest('.q-table-wrap, .q-skip-link'))
                     .slice(0, 5).map(e => e.outerHTML.slice(0, 120))})"""
    )
    assert widths["doc"] <= NARROW, (
        f"{tab.path()} is {widths['doc']} px wide: {widths['wide']}"
    )
    assert widths["body"] <= NARROW, (
        f"{tab.path()} is {widths['body']} px wide: {widths['wide']}"
    )


def test_public_pages_fit_a_360_px_screen(phone_tab, world):
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
        _assert_no_horizontal_scrolling(phone_tab)


def test_coordinator_pages_fit_a_360_px_screen(phone_tab, world):
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
        _assert_no_horizontal_scrolling(phone_tab)


def test_error_summary_fits_a_360_px_screen(phone_tab, world):
    phone_tab.force_login(world["users"]["coordinator"])
    phone_tab.visit("/musterstadt/actors/new/")
    with phone_tab.page.expect_navigation():
        phone_tab.page.locator("main form button[type=submit]").click()
    phone_tab.scan()

    assert phone_tab.page.locator("[data-error-summary]").is_visible()
    _assert_no_horizontal_scrolling(phone_tab)


def test_focused_skip_link_fits_a_360_px_screen(phone_tab, world):
    phone_tab.visit("/musterstadt/")
    phone_tab.page.keyboard.press("Tab")

    assert (
        phone_tab.page.evaluate("() => document.activeElement.getAttribute('href')")
        == "#main"
    )
    right = phone_tab.page.evaluate(
        "() => document.activeElement.getBoundingClientRect().right"
    )
    assert right <= NARROW
    _assert_no_horizontal_scrolling(phone_tab)

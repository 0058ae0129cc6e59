"""Languages in Chromium (issue 20): pages in Arabic lay out right to left and pass
axe and the layout check at 1280 and 360 px; the switch works by keyboard; a first
visit follows the browser's language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, Tab

pytestmark = pytest.mark.browser


def _arabic(tab):
    tab.page.context.add_cookies(
        [{"name": "django_language", "value": "ar", "url": tab.base_url}]
    )


def _starts_on_the_right(page, selector):
    """The text of `selector` begins at the right edge of its box (RTL start)."""
    return page.eval_on_selector(
        selector,
        """el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const text = range.getBoundingClientRect();
            const box = el.getBoundingClientRect();
            return Math.abs(box.right - text.right) < 4 && text.left > box.left + 4;
        }""",
    )


@pytest.mark.both_widths
def test_arabic_pages_run_right_to_left(tab, world):
    from quartier.participation.tests.factories import ContributionFactory

    municipality = world["municipality"]
    contribution = ContributionFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        title="مقاعد في الحديقة",
        text="نحتاج إلى مقاعد.",
        language="ar",
    )
    _arabic(tab)
    slug = municipality.slug
    pages = [
        f"/{slug}/",
        f"/{slug}/participation/",
        contribution.get_absolute_url(),
        f"/{slug}/directory/",
        "/accounts/login/",
    ]
    for path in pages:
        tab.visit(path)
        html = tab.page.locator("html")
        assert html.get_attribute("lang") == "ar", path
        assert html.get_attribute("dir") == "rtl", path
        assert _starts_on_the_right(tab.page, "main h1"), path
    # At desktop width the main navigation starts on the right: its first item
    # stands right of its second.
    tab.visit(f"/{slug}/")
    if tab.page.viewport_size["width"] >= DESKTOP["width"]:
        boxes = tab.page.eval_on_selector_all(
            ".q-mainnav .q-inline-list > li",
            "els => els.slice(0, 2).map(e => e.getBoundingClientRect().left)",
        )
        if len(boxes) == 2 and boxes[0] != boxes[1]:
            assert boxes[0] > boxes[1]


def test_a_form_with_an_error_in_arabic(tab, world):
    slug = world["municipality"].slug
    _arabic(tab)
    tab.visit(f"/{slug}/participation/new/")
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").last.click()
    tab.scan()
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    error = tab.page.locator(".kern-form-input--error, .kern-error").first
    assert error.count() == 1


def test_the_switch_works_by_keyboard(tab, world):
    slug = world["municipality"].slug
    tab.visit(f"/{slug}/")
    assert tab.page.locator("html").get_attribute("lang") == "de"
    select = tab.page.locator("#q-language-select")
    select.focus()
    for _ in range(3):  # Deutsch → English → Türkçe → العربية
        tab.page.keyboard.press("ArrowDown")
    assert select.input_value() == "ar"
    tab.page.keyboard.press("Tab")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.scan()
    assert tab.page.url.endswith(f"/{slug}/")
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    # Remembered: the next page is Arabic too.
    tab.visit(f"/{slug}/participation/")
    assert tab.page.locator("html").get_attribute("lang") == "ar"


def test_a_turkish_browser_gets_turkish_on_its_first_visit(browser, live_server, world):
    context = browser.new_context(locale="tr-TR", viewport=DESKTOP)
    try:
        tab = Tab(context.new_page(), live_server.url)
        tab.visit(f"/{world['municipality'].slug}/")
        assert tab.page.locator("html").get_attribute("lang") == "tr"
        assert tab.page.locator("html").get_attribute("dir") == "ltr"
        selected = tab.page.locator("#q-language-select").input_value()
        assert selected == "tr"
    finally:
        context.close()

"""Plain-language mode ("Einfache Sprache", issue 4): switched on with the button in
the header (without JavaScript), remembered, and every page reached from the
municipality's home passes the accessibility scan in plain-language mode too."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# Downloads (PDF, CSV, calendars) are no pages to scan.
SKIP = (
    ".pdf",
    ".csv",
    ".ics",
    ".json",
    "/i18n/",
    "/logout/",
    "/api/",
    "/admin/",
    "/paper-form/",
    "/posters/neighborhood/",
    "/posters/place/",
    "/print/",
)
MAX_PAGES = 60


@pytest.fixture
def surveys(world):
    from quartier.surveys.tests.factories import survey_with_questions

    survey, _ = survey_with_questions(
        world["municipality"], title="Hitze im Sommer", show_results_while_open=True
    )
    return survey


def _switch(tab):
    with tab.page.expect_navigation():
        tab.page.locator("form.q-plain-toggle button").click()
    tab.scan()


def _crawl(tab, start_paths):
    """Visit the start pages and every page of this site they link to (one step
    deep), each scanned by axe; returns the paths visited."""
    base = tab.base_url
    seen, queue = [], list(start_paths)
    for path in start_paths:
        tab.visit(path)
        links = tab.page.eval_on_selector_all(
            "main a[href], nav a[href]", "els => els.map(e => e.href)"
        )
        for href in links:
            if not href.startswith(base):
                continue
            target = urlsplit(href)
            path = target.path + (f"?{target.query}" if target.query else "")
            if any(part in path for part in SKIP) or path in queue:
                continue
            queue.append(path)
    for path in queue[len(start_paths) :][:MAX_PAGES]:
        tab.visit(path)
        assert "q-plain" in tab.page.get_attribute("body", "class"), path
        seen.append(path)
    return seen


def test_a_visitor_switches_plain_language_on_and_off_without_javascript(
    nojs_tab, world
):
    tab = nojs_tab
    tab.visit("/musterstadt/surveys/")
    assert "q-plain" not in tab.page.get_attribute("body", "class")
    _switch(tab)
    assert tab.path() == "/musterstadt/surveys/"
    assert "q-plain" in tab.page.get_attribute("body", "class")
    assert (
        tab.page.locator("form.q-plain-toggle button").get_attribute("aria-pressed")
        == "true"
    )
    tab.visit("/musterstadt/")  # remembered on the next page
    assert "q-plain" in tab.page.get_attribute("body", "class")
    tab.page.get_by_role("link", name="Was ist das?").or_(
        tab.page.locator("a[href$='/participation/plain-language/']").first
    ).first.click()
    tab.scan()
    assert tab.path() == "/musterstadt/participation/plain-language/"
    _switch(tab)
    assert "q-plain" not in tab.page.get_attribute("body", "class")


def test_every_public_page_passes_the_scan_in_plain_language(tab, world, surveys):
    tab.page.context.add_cookies(
        [{"name": "quartier_plain", "value": "1", "url": tab.base_url}]
    )
    visited = _crawl(
        tab,
        [
            "/musterstadt/",
            "/musterstadt/participation/",
            "/musterstadt/surveys/",
            f"/musterstadt/surveys/{surveys.pk}/",
        ],
    )
    assert f"/musterstadt/surveys/{surveys.pk}/answer/" in visited


def test_coordination_pages_pass_the_scan_in_plain_language(tab, world, surveys):
    tab.force_login(world["users"]["coordinator"])
    tab.page.context.add_cookies(
        [{"name": "quartier_plain", "value": "1", "url": tab.base_url}]
    )
    _crawl(
        tab,
        [
            "/musterstadt/",
            "/musterstadt/participation/posters/",
            f"/musterstadt/surveys/{surveys.pk}/",
        ],
    )

"""Searching actors: as-you-type with htmx, and the same form without JavaScript."""

import pytest

pytestmark = pytest.mark.browser

ACTORS = "/musterstadt/actors/"


def _result_names(tab):
    return tab.page.locator("#actor-results h2 a").all_inner_texts()


def test_typing_in_the_search_box_updates_the_results_without_reloading(tab, world):
    tab.visit(ACTORS)
    assert set(_result_names(tab)) == {
        "Sportverein Sonnenberg",
        "Familienzentrum Mitte",
    }
    # A full page load would create a new window object and lose this mark.
    tab.page.evaluate("() => { window.quartierSameDocument = true; }")

    tab.page.locator("#id_q").press_sequentially("sport", delay=30)
    tab.page.wait_for_url("**/musterstadt/actors/?*q=sport*")
    tab.page.wait_for_function(
        "() => document.querySelectorAll('#actor-results h2 a').length === 1"
    )

    assert _result_names(tab) == ["Sportverein Sonnenberg"]
    assert tab.page.evaluate("() => window.quartierSameDocument === true")
    assert tab.page.input_value("#id_q") == "sport"
    tab.scan()


def test_search_without_javascript_submits_the_form(nojs_tab, world):
    tab = nojs_tab
    tab.visit(ACTORS)
    tab.page.fill("#id_q", "familien")
    with tab.page.expect_navigation():
        tab.page.locator("form[role=search] button[type=submit]").click()
    tab.scan()

    assert "q=familien" in tab.path()
    assert _result_names(tab) == ["Familienzentrum Mitte"]
    assert tab.page.input_value("#id_q") == "familien"


def test_search_without_javascript_says_when_nothing_matches(nojs_tab, world):
    tab = nojs_tab
    tab.visit(f"{ACTORS}?q=gibtesnicht")

    assert _result_names(tab) == []
    assert tab.page.locator("#actor-count").inner_text().startswith("0")


def test_the_results_page_on_without_javascript_keeps_the_filters(nojs_tab, world):
    from quartier.actors.tests.factories import ActorFactory

    for number in range(25):
        ActorFactory(
            municipality=world["municipality"], name=f"Nachbarschaftshilfe {number:02}"
        )
    tab = nojs_tab
    tab.visit(f"{ACTORS}?q=nachbarschaft")
    assert len(_result_names(tab)) == 20

    with tab.page.expect_navigation():
        tab.page.locator('nav.q-pagination a[rel="next"]').click()
    tab.scan()

    assert "q=nachbarschaft" in tab.path() and "page=2" in tab.path()
    assert len(_result_names(tab)) == 5

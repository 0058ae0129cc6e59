"""The pages can be used with the keyboard alone."""

import pytest

pytestmark = pytest.mark.browser

ACTORS = "/musterstadt/actors/"


def _focused(tab, expression):
    return tab.page.evaluate(
        f"() => {{ const e = document.activeElement; return {expression}; }}"
    )


def _tab_to(tab, selector, limit=40):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} Tab presses")


@pytest.mark.parametrize("path", ["/musterstadt/", ACTORS, "/accounts/login/"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(tab, world, path):
    tab.visit(path)

    tab.page.keyboard.press("Tab")
    assert _focused(tab, "e.getAttribute('href')") == "#main"
    box = tab.page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " return {top: r.top, left: r.left, w: r.width, h: r.height}; }"
    )
    assert box["left"] >= 0 and box["top"] >= 0 and box["w"] > 0, (
        "skip link shown on focus"
    )
    tab.page.keyboard.press("Enter")

    assert _focused(tab, "e.tagName") == "MAIN"
    assert _focused(tab, "e.id") == "main"
    # The next Tab continues inside main, not back at the header.
    tab.page.keyboard.press("Tab")
    assert _focused(tab, "!!e.closest('main')")


def test_actor_filters_work_with_the_keyboard(tab, world):
    from quartier.actors.models import Sector
    from quartier.actors.tests.factories import ActorFactory

    first = Sector.objects.order_by("position").first()
    ActorFactory(
        municipality=world["municipality"],
        name="Gesundheitsamt",
        kind="administration",
        sectors=[first],
    )
    tab.visit(ACTORS)

    _tab_to(tab, "#id_sector")
    # ArrowDown on a closed select chooses the next option: the first sector.
    tab.page.keyboard.press("ArrowDown")
    tab.page.wait_for_url(f"**sector={first.code}**")
    tab.page.wait_for_function(
        "() => document.querySelectorAll('#actor-results h2 a').length === 1"
    )
    assert tab.page.locator("#actor-results h2 a").all_inner_texts() == [
        "Gesundheitsamt"
    ]
    tab.scan()

    # The result is reached with Tab from the filters and opens with Enter.
    _tab_to(tab, "#actor-results h2 a")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.scan()
    assert tab.page.locator("h1").inner_text() == "Gesundheitsamt"


def test_actor_filters_work_with_the_keyboard_without_javascript(nojs_tab, world):
    tab = nojs_tab
    tab.visit(ACTORS)

    _tab_to(tab, "#id_q")
    tab.page.keyboard.type("sport")
    _tab_to(tab, "#id_kind")
    tab.page.keyboard.press("ArrowDown")  # organisation, the first kind
    assert tab.page.input_value("#id_kind") == "organisation"
    _tab_to(tab, "form[role=search] button[type=submit]")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.scan()

    assert "q=sport" in tab.path() and "kind=organisation" in tab.path()
    assert tab.page.locator("#actor-results h2 a").all_inner_texts() == [
        "Sportverein Sonnenberg"
    ]

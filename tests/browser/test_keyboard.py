"""The pages can be used with the keyboard alone."""

import pytest

pytestmark = pytest.mark.browser

ACTORS = "/musterstadt/actors/"


def _focused(tab, expression):
    return tab.page.evaluate(f"() => {{ const e = document.activeElement; return {expression}; }}")


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
    assert box["left"] >= 0 and box["top"] >= 0 and box["w"] > 0, "skip link shown on focus"
    tab.page.keyboard.press("Enter")

    assert _focused(tab, "e.tagName") == "MAIN"
    assert _focused(tab, "e.id") == "main"
    # The next Tab continues inside main, not back at the header.
    tab.page.keyboard.press("Tab")
    assert _focused(tab, "!!e.closest('main')")


def test_actor_filters_work_with_the_keyboard(tab, world):
    from quartier.actors.models import Sector

    education = Sector.objects.get(code="bildung")
    tab.visit(ACTORS)

    _tab_to(tab, "#id_sector")
    # ArrowDown on a closed select moves to the next option and fires change.
    for _ in range(len(Sector.objects.all()) + 1):
        if tab.page.input_value("#id_sector") == education.code:
            break
        tab.page.keyboard.press("ArrowDown")
    assert tab.page.input_value("#id_sector") == education.code
    tab.page.wait_for_url(f"**sector={education.code}**")
    tab.page.wait_for_function(
        "() => document.querySelectorAll('#actor-results h2 a').length === 1"
    )
    assert tab.page.locator("#actor-results h2 a").all_inner_texts() == ["Familienzentrum Mitte"]
    tab.scan()

    # The search button submits with Enter as well, and the choice is kept.
    _tab_to(tab, "form[role=search] button[type=submit]")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.input_value("#id_sector") == education.code
    tab.scan()


def test_actor_filters_work_with_the_keyboard_without_javascript(nojs_tab, world):
    tab = nojs_tab
    tab.visit(ACTORS)

    _tab_to(tab, "#id_q")
    tab.page.keyboard.type("sport")
    _tab_to(tab, "#id_kind")
    tab.page.keyboard.press("ArrowDown")  # organisation, the first kind
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.scan()

    assert "q=sport" in tab.path()
    assert tab.page.locator("#actor-results h2 a").all_inner_texts() == ["Sportverein Sonnenberg"]

"""The glossary in the browser (at 1280 and 360 px): a member proposes a definition
(the empty form first shows the error next to the field); a guest reads a decision
whose text mentions a glossary term and follows the link to its definition. axe and
the layout check run on every page."""

import datetime

import pytest

from quartier.glossary.tests.factories import agree, make_decision, make_term

pytestmark = pytest.mark.browser


def _submit(tab, selector):
    with tab.page.expect_navigation():
        tab.page.locator(selector).first.click()
    tab.scan()


@pytest.mark.both_widths
def test_a_member_proposes_a_definition(tab, world):
    term = make_term(world["municipality"], "Teilhabe")
    tab.force_login(world["users"]["resident"])
    tab.visit("/musterstadt/glossary/")
    tab.visit(term.get_absolute_url())
    page = tab.page
    _submit(tab, "#propose-heading ~ form button[type=submit]")
    assert page.locator("#id_text_error").is_visible()
    page.fill("#id_text", "Alle können mitmachen, auch ohne Geld.")
    _submit(tab, "#propose-heading ~ form button[type=submit]")
    assert term.proposals.get().text == "Alle können mitmachen, auch ohne Geld."
    assert page.get_by_text("Alle können mitmachen, auch ohne Geld.").is_visible()


@pytest.mark.both_widths
def test_a_guest_follows_a_term_from_a_decision(tab, world):
    municipality = world["municipality"]
    day = datetime.date(2025, 5, 1)
    decision = make_decision(
        municipality,
        text="Der Sozialraum Sonnenberg wird gemeinsam geplant.",
        decided_on=day,
    )
    term = make_term(municipality, "Sozialraum")
    agree(term, "Der Raum, in dem Menschen ihren Alltag leben.", decision, day)
    tab.visit(decision.get_absolute_url())
    with tab.page.expect_navigation():
        tab.page.locator("a.q-term").first.click()
    tab.scan()
    assert tab.page.url.endswith(term.get_absolute_url())
    assert tab.page.get_by_text(
        "Der Raum, in dem Menschen ihren Alltag leben."
    ).is_visible()

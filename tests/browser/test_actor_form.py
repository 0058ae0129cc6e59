"""A coordinator creates an actor through the form; errors keep what was typed."""

import re

import pytest

pytestmark = pytest.mark.browser

NEW = "/musterstadt/actors/new/"


def _sector_box(tab, code):
    from quartier.actors.models import Sector

    pk = Sector.objects.get(code=code).pk
    return tab.page.locator(f'input[name="sectors"][value="{pk}"]')


def test_coordinator_creates_an_actor_and_sees_its_page(tab, world):
    from quartier.actors.models import Actor

    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/actors/")
    with tab.page.expect_navigation():
        tab.page.locator(f'a[href="{NEW}"]').click()
    tab.scan()

    tab.page.select_option("#id_kind", "initiative")
    tab.page.fill("#id_name", "Repair-Café Sonnenberg")
    tab.page.fill("#id_description", "<p>Gemeinsam reparieren statt wegwerfen.</p>")
    _sector_box(tab, "zivilgesellschaft").check()
    tab.page.locator(
        f'input[name="neighborhoods"][value="{world["neighborhood"].pk}"]'
    ).check()
    tab.page.fill("#id_email", "repair@test.example")
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()
    tab.scan()

    actor = Actor.objects.get(name="Repair-Café Sonnenberg")
    assert re.search(rf"/musterstadt/actors/{actor.pk}/$", tab.page.url)
    assert tab.page.locator("h1").inner_text() == "Repair-Café Sonnenberg"
    assert tab.page.locator('[role="status"]').count() >= 1  # the “saved” message
    assert tab.page.locator('a[href="mailto:repair@test.example"]').count() == 1
    assert actor.kind == "initiative"
    assert actor.municipality == world["municipality"]
    assert list(actor.sectors.values_list("code", flat=True)) == ["zivilgesellschaft"]
    assert list(actor.neighborhoods.all()) == [world["neighborhood"]]


def test_empty_name_shows_the_error_summary_and_keeps_what_was_typed(tab, world):
    from quartier.actors.models import Actor

    tab.force_login(world["users"]["coordinator"])
    tab.visit(NEW)
    tab.page.select_option("#id_kind", "organisation")
    _sector_box(tab, "bildung").check()
    tab.page.fill("#id_email", "lernwerkstatt@test.example")
    tab.page.fill("#id_address", "Schulstraße 3")
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()
    tab.scan()

    assert tab.path() == NEW
    summary = tab.page.locator("[data-error-summary]")
    assert summary.is_visible()
    # quartier.js moves focus to the summary so screen readers read it first.
    assert tab.page.evaluate(
        "() => document.activeElement.hasAttribute('data-error-summary')"
    )
    assert summary.locator('a[href="#id_name"]').count() == 1
    assert tab.page.locator("#id_name_error").is_visible()
    assert tab.page.get_attribute("#id_name", "aria-invalid") == "true"
    assert "id_name_error" in tab.page.get_attribute("#id_name", "aria-describedby")
    # What was typed is still there.
    assert tab.page.input_value("#id_email") == "lernwerkstatt@test.example"
    assert tab.page.input_value("#id_address") == "Schulstraße 3"
    assert tab.page.input_value("#id_kind") == "organisation"
    assert _sector_box(tab, "bildung").is_checked()
    assert not Actor.objects.filter(email="lernwerkstatt@test.example").exists()

    # The summary's link leads to the field.
    summary.locator('a[href="#id_name"]').click()
    assert tab.page.evaluate("() => document.activeElement.id") == "id_name"

"""The programme library in the browser: a coordinator copies a shared programme
into the municipality's library on a phone and adapts it; an adviser edits a shared
programme. axe and the layout check run on every page."""

import pytest

from quartier.programmes.models import Programme, ProgrammeElement
from quartier.programmes.tests.factories import (
    ProgrammeElementFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def shared():
    programme = ProgrammeFactory(
        municipality=None,
        name="Gehen in Gesellschaft",
        summary="Wöchentliche Gehgruppen für ältere Menschen im Wohnviertel.",
        links="https://fachstelle-quartier.example/gemeinsam-unterwegs",
    )
    ProgrammeElementFactory(
        programme=programme, name="Feste wöchentliche Gruppe", position=0
    )
    ProgrammeElementFactory(
        programme=programme, name="Geschulte Gehbegleitung", position=1
    )
    ProgrammeElementFactory(
        programme=programme,
        name="Treffpunkt und Strecke",
        description="Wohnortnah, mit Bänken unterwegs.",
        kind=ProgrammeElement.Kind.ADAPTABLE,
        position=0,
    )
    return programme


def test_a_coordinator_copies_a_shared_programme_on_a_phone(
    phone_tab, world, shared, assert_fits_phone
):
    tab = phone_tab
    page = tab.page
    tab.force_login(world["users"]["coordinator"])
    # The shared library's own page offers the copy into the coordinator's library.
    tab.visit(f"/programmes/{shared.pk}/")
    assert page.locator("main button", has_text="Bibliothek von Musterstadt").count()
    assert_fits_phone(tab)
    tab.visit("/musterstadt/programmes/")
    assert "gemeinsame Bibliothek der Fachberatung" in page.locator("main").inner_text()
    # On a phone the filters are folded away.
    assert not page.locator("details.q-filter").evaluate("d => d.open")
    assert_fits_phone(tab)
    with page.expect_navigation():
        page.locator("main a", has_text="Gehen in Gesellschaft").click()
    tab.scan()
    assert_fits_phone(tab)
    with page.expect_navigation():
        page.locator("main button", has_text="In unsere Bibliothek kopieren").click()
    tab.scan()
    copy = Programme.objects.get(municipality=world["municipality"])
    assert copy.copied_from == shared
    main = page.locator("main").inner_text()
    assert "aus der gemeinsamen Bibliothek kopiert" in main
    assert "Feste wöchentliche Gruppe" in main
    with page.expect_navigation():
        page.locator("main a", has_text="Bearbeiten").click()
    tab.scan()
    assert_fits_phone(tab)
    page.fill("#id_adaptable-0-description", "Ab dem Bürgerhaus Sonnenberg.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    assert "Ab dem Bürgerhaus Sonnenberg." in page.locator("main").inner_text()
    # Adapting an adaptable element keeps the core: no warning.
    assert "Kernelemente weichen" not in page.locator("main").inner_text()
    element = copy.elements.get(kind=ProgrammeElement.Kind.ADAPTABLE)
    assert element.description == "Ab dem Bürgerhaus Sonnenberg."
    shared.refresh_from_db()
    assert shared.elements.get(kind="adaptable").description == (
        "Wohnortnah, mit Bänken unterwegs."
    )


@pytest.mark.both_widths
def test_an_adviser_edits_a_shared_programme(tab, world, shared):
    page = tab.page
    tab.force_login(world["users"]["adviser"])
    tab.visit("/programmes/")
    with page.expect_navigation():
        page.locator("main a", has_text="Gehen in Gesellschaft").click()
    tab.scan()
    with page.expect_navigation():
        page.locator(
            "main a", has_text="In der gemeinsamen Bibliothek bearbeiten"
        ).click()
    tab.scan()
    # A mistake first: the typed values stay, the message sits at the field.
    page.fill("#id_links", "keine Adresse")
    page.fill("#id_core-2-name", "Beisammensein nach dem Gehen")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    assert "ist keine Webadresse" in page.locator("#id_links_error").inner_text()
    assert page.input_value("#id_core-2-name") == "Beisammensein nach dem Gehen"
    page.fill("#id_links", "https://fachstelle-quartier.example/neu")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    shared.refresh_from_db()
    assert [e.name for e in shared.core_elements()] == [
        "Feste wöchentliche Gruppe",
        "Geschulte Gehbegleitung",
        "Beisammensein nach dem Gehen",
    ]
    assert shared.link_list == ["https://fachstelle-quartier.example/neu"]
    tab.visit("/programmes/new/")

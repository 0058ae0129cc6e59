"""Art. 13 and Art. 30 DSGVO in the browser: a guest writing a contribution sees the
privacy notice beside the submit button and follows its link to the module's section
of the privacy notice; the admin opens the records of processing. axe and the layout
check run on every page (tests/browser/conftest.py)."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


@pytest.mark.both_widths
def test_a_guest_sees_the_notice_and_reaches_the_section(tab, world):
    from quartier.participation.models import Contribution

    tab.visit(
        f"/musterstadt/participation/new/?neighborhood={world['neighborhood'].pk}"
    )
    page = tab.page
    notice = page.locator("main form [data-processing='participation.contribution']")
    text = notice.inner_text()
    assert "Verantwortlich für Ihre Daten ist: Musterstadt" in text
    assert "mit Ihrem Namen, wenn Sie einen angeben" in text
    assert "anonym teilnehmen" in text
    # The notice sits before the submit button.
    assert notice.evaluate(
        "n => !!(n.compareDocumentPosition(n.closest('form')"
        ".querySelector('button[type=submit]')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    page.check("input[name=kind][value=idea]")
    page.fill("input[name=title]", "Bank am Lindenpark")
    page.fill("textarea[name=text]", "Eine Bank im Schatten wäre schön.")
    page.fill("input[name=address]", "Lindenpark")
    page.fill("input[name=author_email]", "gast@test.example")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    tab.scan()
    assert "q-error-summary" not in page.content()
    contribution = Contribution.objects.get(title="Bank am Lindenpark")
    assert contribution.author_name == ""  # took part without a name

    tab.visit("/musterstadt/participation/new/")
    with page.expect_navigation():
        page.locator("[data-processing] a[href$='/datenschutz/#participation']").click()
    tab.scan()
    assert page.url.endswith("/musterstadt/datenschutz/#participation")
    section = page.locator("#participation")
    assert section.is_visible()
    assert "Beteiligung" in section.inner_text()
    assert "nach 30 Tagen" in page.locator("main").inner_text()


def test_the_admin_opens_the_records_of_processing(tab, world):
    from quartier.participation.tests.factories import ContributionFactory

    ContributionFactory(municipality=world["municipality"])
    tab.force_login(world["users"]["admin"])
    tab.visit("/musterstadt/datenschutz/")
    with tab.page.expect_navigation():
        tab.page.locator("main a[href$='/datenschutz/verzeichnis/']").click()
    tab.scan()
    main = tab.page.locator("main").inner_text()
    assert "Verzeichnis der Verarbeitungstätigkeiten" in main
    assert "Beiträge mit oder ohne Konto" in main
    assert "Organisationen und Netzwerke" in main  # the world's actors
    assert "Technische und organisatorische Maßnahmen" in main
    links = tab.page.locator("main a[href$='verzeichnis.csv'], main a[href$='.pdf']")
    assert links.count() == 2

    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/datenschutz/verzeichnis/", status=403)

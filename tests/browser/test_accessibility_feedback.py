"""The accessibility statement, a guest reporting a barrier on a phone (360 px) and
the coordination answering it; axe and the layout check run on every page."""

import pytest
from django.core import mail

from quartier.legal.models import AccessibilityFeedback, AccessibilitySettings

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


@pytest.mark.both_widths
def test_the_statement_with_and_without_the_municipalitys_details(tab, world):
    tab.visit("/musterstadt/barrierefreiheit/")
    main = tab.page.locator("main").inner_text()
    assert "Informationen in Leichter Sprache" in main
    assert "noch kein Video in Deutscher Gebärdensprache" in main
    AccessibilitySettings.objects.create(
        municipality=world["municipality"],
        conformity="partial",
        contact="Bürgerbüro, Musterstraße 1, 12345 Musterstadt",
        enforcement_body="Schlichtungsstelle (fiktiv), Musterweg 2, 70000 Stuttgart",
        dgs_video_url="https://video.example/dgs",
    )
    tab.force_login(world["users"]["admin"])
    tab.visit("/musterstadt/barrierefreiheit/")
    assert "teilweise vereinbar" in tab.page.locator("main").inner_text()
    tab.visit("/musterstadt/barrierefreiheit/angaben/")
    tab.visit("/musterstadt/datenschutz/aufbewahrung/")


def test_a_guest_reports_a_barrier_on_a_phone(phone_tab, world):
    tab = phone_tab
    tab.visit("/musterstadt/barrierefreiheit/")
    with tab.page.expect_navigation():
        tab.page.locator("main a[href$='/barrierefreiheit/rueckmeldung/']").click()
    tab.scan()
    page = tab.page
    # Sent empty: the error is next to the field, the page passes the scan.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    assert page.locator("#id_text_error").is_visible()
    page.fill("#id_page", "/musterstadt/rooms/")
    page.fill("#id_text", "Die Wochenansicht der Räume ist am Handy nicht lesbar.")
    page.fill("#id_email", "erika@test.example")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tab.scan()
    assert "/barrierefreiheit/" in tab.path()
    item = AccessibilityFeedback.objects.get()
    assert item.page == "/musterstadt/rooms/"
    assert [m.to for m in mail.outbox][-1] == ["erika@test.example"]


@pytest.mark.both_widths
def test_the_coordination_answers_a_report(tab, world):
    from django.utils import timezone

    from quartier.legal.models import due_on

    now = timezone.now()
    item = AccessibilityFeedback.objects.create(
        municipality=world["municipality"],
        page="/musterstadt/directory/",
        text="Die Karte verdeckt die Liste.",
        email="erika@test.example",
        received_at=now,
        due_on=due_on(now, 6),
    )
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/barrierefreiheit/rueckmeldungen/")
    with tab.page.expect_navigation():
        tab.page.locator(f"main a[href$='/rueckmeldungen/{item.pk}/']").click()
    tab.scan()
    tab.page.fill("#id_answer", "Danke, die Liste steht jetzt über der Karte.")
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()
    tab.scan()
    item.refresh_from_db()
    assert item.status == "answered"
    assert mail.outbox[-1].to == ["erika@test.example"]
    tab.visit(f"/musterstadt/barrierefreiheit/rueckmeldungen/{item.pk}/")

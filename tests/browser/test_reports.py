"""A coordinator builds a report in the browser: chooses the audience and the
sections, sees the preview, saves it and downloads the PDF; the published
report is readable without an account. axe and the layout check run on every
page."""

import datetime

import pytest

from quartier.forums.tests.factories import DecisionFactory
from quartier.reports import generation, services

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_a_coordinator_builds_a_report_sees_the_preview_and_downloads_the_pdf(
    tab, world
):
    DecisionFactory(
        agenda_item__meeting__forum__municipality=world["municipality"],
        status="done",
    )
    tab.force_login(world["users"]["coordinator"])
    tab.visit("/musterstadt/reports/new/")
    page = tab.page
    page.fill("#id_title", "Bericht an den Gemeinderat")
    page.select_option("#id_audience", "council")
    for box in page.locator('input[name="sections"]').all():
        if box.is_checked():
            box.uncheck()
    page.check('input[name="sections"][value="forums.decisions"]')
    page.check('input[name="sections"][value="funds.projects"]')
    page.click('form[action$="/reports/new/"] button[name="preview"]')
    page.wait_for_selector("#preview-heading")
    assert "Gremien und Beschlüsse" in page.inner_text(".q-report-preview")
    tab.scan()

    page.click('form[action$="/reports/new/"] button.kern-btn--primary')
    page.wait_for_selector("a[href$='/pdf/']")
    assert "Bericht an den Gemeinderat" in page.inner_text("h1")
    tab.scan()
    with page.expect_download() as info:
        page.click("a[href$='/pdf/']")
    download = info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_a_published_report_is_read_without_an_account(tab, world):
    coordinator = world["users"]["coordinator"]
    report = services.report_create(
        by=coordinator,
        municipality=world["municipality"],
        title="Jahresbericht für alle",
        audience="public",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        section_keys=["forums.decisions", "directory.coverage"],
    )
    generation.run(report)
    services.report_publish(by=coordinator, report=report)
    tab.visit("/musterstadt/reports/public/")
    tab.page.click("text=Jahresbericht für alle")
    assert "Jahresbericht für alle" in tab.page.inner_text("h1")
    assert tab.page.locator("table").count() >= 1
    tab.scan()

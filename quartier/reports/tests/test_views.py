"""The report builder, saved versions, exports and publishing (docs/reports.md)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from quartier.core.models import AuditEntry
from quartier.core.tests.test_pdf import assert_tagged
from quartier.reports import generation, services
from quartier.reports.models import Report
from quartier.reports.tests.world import PERSON_NAMES, populate

pytestmark = pytest.mark.django_db

SLUG = {"municipality_slug": "musterstadt"}


def url(name, **kwargs):
    return reverse(f"reports:{name}", kwargs={**SLUG, **kwargs})


def form(**changes):
    today = timezone.localdate()
    return {
        "title": "Bericht an den Gemeinderat 2026",
        "audience": "council",
        "period_start": (today - datetime.timedelta(days=365)).isoformat(),
        "period_end": today.isoformat(),
        "sections": [
            "forums.decisions",
            "funds.projects",
            "participation.contributions",
        ],
        **changes,
    }


@pytest.fixture
def world(municipality, neighborhood):
    populate(municipality, neighborhood)
    return municipality


def test_the_builder_preselects_the_sections_of_the_audience(client_for, coordinator):
    page = client_for(coordinator).get(url("new")).content.decode()
    assert 'value="network.measures" checked' in page.replace("\n", " ") or (
        'value="network.measures"' in page
    )
    public = client_for(coordinator).get(
        url("new"), {"preview": "1", "audience": "public"}
    )
    assert public.status_code == 200
    assert "Vorschau" in public.content.decode()


def test_the_preview_shows_the_figures_without_saving(client_for, coordinator, world):
    response = client_for(coordinator).post(url("new"), {**form(), "preview": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gremien und Beschlüsse" in page
    assert "Geförderte Projekte" in page
    assert "<svg" in page  # a chart, with its data table
    assert Report.objects.count() == 0


def test_saving_generates_a_version_with_its_content_and_data_date(
    client_for, coordinator, world
):
    response = client_for(coordinator).post(url("new"), form())
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.status == "done"
    assert report.created_by == coordinator
    assert report.data_as_of is not None
    assert [part["key"] for part in report.content] == [
        "forums.decisions",
        "participation.contributions",
        "funds.projects",
    ]
    assert AuditEntry.objects.filter(action="reports.add_report").exists()
    page = client_for(coordinator).get(report.get_absolute_url()).content.decode()
    assert "Bericht an den Gemeinderat 2026" in page


def test_a_bad_period_is_said_next_to_the_field(client_for, coordinator):
    response = client_for(coordinator).post(
        url("new"), form(period_start="2026-06-01", period_end="2026-01-01")
    )
    assert response.status_code == 400
    assert "Der Zeitraum endet, bevor er beginnt." in response.content.decode()
    assert Report.objects.count() == 0


@override_settings(
    REPORTS_BACKGROUND_ROWS=0,
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
)
def test_a_large_report_runs_in_the_background_with_a_progress_page(
    client_for, coordinator, world
):
    client = client_for(coordinator)
    response = client.post(url("new"), form())
    report = Report.objects.get()
    assert response["Location"] == url("progress", pk=report.pk)
    assert report.status == "pending"
    page = client.get(url("progress", pk=report.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "Seite neu laden" in page or url("progress", pk=report.pk) in page
    # The detail page waits for the generation too.
    assert client.get(report.get_absolute_url())["Location"] == url(
        "progress", pk=report.pk
    )
    from quartier.reports.tasks import generate_report

    generate_report.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "done"
    assert report.progress == report.total == 3
    partial = client.get(url("progress", pk=report.pk), HTTP_HX_REQUEST="true")
    assert report.get_absolute_url() in partial.content.decode()


@override_settings(
    REPORTS_BACKGROUND_ROWS=0,
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
)
def test_a_large_preview_is_never_built_in_the_request(
    client_for, coordinator, world, monkeypatch
):
    """Above the threshold neither the GET nor the POST preview builds sections in
    the request: GET explains, POST saves a version for the background task."""
    import dataclasses

    from quartier.core import report_sections

    built = []
    real = report_sections.sections

    def counted(section):
        def build(*args, **kwargs):
            built.append(section.key)
            return section.build(*args, **kwargs)

        return dataclasses.replace(section, build=build)

    monkeypatch.setattr(
        report_sections, "sections", lambda: [counted(s) for s in real()]
    )
    client = client_for(coordinator)
    shown = client.get(url("new"), {"preview": "1", "audience": "council"})
    assert shown.status_code == 200
    assert "Zu viele Daten für eine sofortige Vorschau" in shown.content.decode()
    assert "preview-heading" not in shown.content.decode()
    response = client.post(url("new"), {**form(), "preview": "1"})
    report = Report.objects.get()
    assert response["Location"] == url("progress", pk=report.pk)
    assert report.status == "pending"
    assert built == []
    from quartier.reports.tasks import generate_report

    generate_report.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "done" and built


@override_settings(REPORTS_BACKGROUND_ROWS=10**9)
def test_a_small_preview_is_built_in_the_request_and_not_saved(
    client_for, coordinator, world
):
    shown = client_for(coordinator).get(url("new"), {"preview": "1"})
    assert shown.context["preview"]
    assert "Zu viele Daten" not in shown.content.decode()
    assert Report.objects.count() == 0


def test_a_generation_that_breaks_ends_failed_with_a_reason(
    coordinator, municipality, monkeypatch
):
    report = services.report_create(
        by=coordinator,
        municipality=municipality,
        title="Bericht",
        audience="council",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        section_keys=["forums.decisions"],
    )
    monkeypatch.setattr(generation, "_sections", lambda report: 1 / 0)
    generation.run(report)
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.error


def _saved(coordinator, municipality, audience="council", **kwargs):
    report = services.report_create(
        by=coordinator,
        municipality=municipality,
        title=kwargs.pop("title", "Bericht 2026"),
        audience=audience,
        period_start=timezone.localdate() - datetime.timedelta(days=365),
        period_end=timezone.localdate(),
        section_keys=kwargs.pop(
            "keys",
            ["forums.decisions", "funds.projects", "directory.coverage"],
        ),
    )
    return generation.run(report)


def test_the_pdf_is_tagged_with_title_headings_tables_and_described_charts(
    client_for, coordinator, world
):
    report = _saved(coordinator, world)
    response = client_for(coordinator).get(url("pdf", pk=report.pk))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    elements = assert_tagged(response.content)
    tags = [tag for tag, _alt in elements]
    assert "/H2" in tags
    assert "/Table" in tags
    assert "/TH" in tags
    figures = [alt for tag, alt in elements if tag == "/Figure"]
    assert figures and all("Balkendiagramm" in str(alt) for alt in figures)
    from pypdf import PdfReader

    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Bericht 2026" in text
    assert "Inhalt" in text
    assert "Quelle:" in text


def test_the_docx_has_headings_tables_and_the_coordinators_texts(
    client_for, coordinator, world
):
    from docx import Document

    report = _saved(coordinator, world)
    client = client_for(coordinator)
    saved = client.post(
        url("texts", pk=report.pk),
        {"intro": "Ein gutes Jahr im Quartier.", "funds.projects": "Viele Projekte."},
    )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.texts["funds.projects"] == "Viele Projekte."
    response = client.get(url("docx", pk=report.pk))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert "Einleitung" in headings
    assert any("Gremien und Beschlüsse" in h for h in headings)
    texts = [p.text for p in document.paragraphs]
    assert "Ein gutes Jahr im Quartier." in texts
    assert "Viele Projekte." in texts
    assert len(document.tables) >= 3
    cells = {
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    }
    assert "Geförderte Projekte" in cells
    for name in PERSON_NAMES:
        assert all(name not in cell for cell in cells)


def test_a_new_version_keeps_the_parameters_and_the_old_one_stays(
    client_for, coordinator, world
):
    report = _saved(coordinator, world)
    response = client_for(coordinator).post(url("regenerate", pk=report.pk))
    new = Report.objects.exclude(pk=report.pk).get()
    assert response["Location"] == new.get_absolute_url()
    assert (new.version, new.previous, new.section_keys) == (
        2,
        report,
        report.section_keys,
    )
    assert new.status == "done"
    report.refresh_from_db()
    assert report.version == 1 and report.content


def test_a_published_report_shows_its_snapshot_not_todays_data(
    client_for, coordinator, world, neighborhood
):
    from quartier.forums.tests.factories import DecisionFactory

    report = _saved(
        coordinator,
        world,
        audience="public",
        title="Jahresbericht",
        keys=["forums.decisions"],
    )
    coordination = client_for(coordinator)
    assert coordination.post(url("publish", pk=report.pk)).status_code == 302
    report.refresh_from_db()
    assert report.is_published
    before = client_for(None).get(url("public_detail", pk=report.pk)).content.decode()
    DecisionFactory.create_batch(
        5,
        agenda_item__meeting__forum__municipality=world,
        decided_on=timezone.localdate(),
    )
    after = client_for(None).get(url("public_detail", pk=report.pk)).content.decode()
    assert after == before
    assert "Jahresbericht" in client_for(None).get(url("public_list")).content.decode()
    assert (
        client_for(None)
        .get(url("public_pdf", pk=report.pk))
        .content.startswith(b"%PDF")
    )
    # Published reports no longer change.
    assert (
        coordination.post(url("texts", pk=report.pk), {"intro": "x"}).status_code == 403
    )


def test_a_report_to_the_council_can_never_be_published(coordinator, world):
    from django.core.exceptions import PermissionDenied

    report = _saved(coordinator, world)
    with pytest.raises(PermissionDenied):
        services.report_publish(by=coordinator, report=report)


def test_a_public_report_reads_with_the_publics_eyes(coordinator, world):
    report = _saved(
        coordinator,
        world,
        audience="public",
        keys=["network.measures", "reflections.adaptations", "forums.decisions"],
    )
    assert [part["key"] for part in report.content] == ["forums.decisions"]


def test_the_sachbericht_is_prefilled_from_the_application_and_its_proof_of_use(
    client_for, coordinator, world
):
    from quartier.funds.models import Application

    project = Application.objects.get(status="reported")
    client = client_for(coordinator)
    assert client.get(url("sachbericht")).status_code == 200
    response = client.post(
        url("sachbericht"),
        {"title": "Sachbericht Sommerfest", "application": project.pk},
    )
    report = Report.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert report.kind == "sachbericht"
    assert report.texts["done"] == "Ein Fest mit 60 Gästen."
    assert "60" in report.texts["reached"]
    assert report.texts["changed"] == "Menschen begegnen sich."
    assert [part["key"] for part in report.content] == [
        "done",
        "reached",
        "changed",
        "money",
    ]
    page = client.get(report.get_absolute_url()).content.decode()
    assert "800,00 €" in page
    assert "Kostenplan" in page or "Auszahlungen" in page
    assert PERSON_NAMES[2] not in page
    assert client.get(url("pdf", pk=report.pk)).content.startswith(b"%PDF")


def test_a_sachbericht_for_a_fund_lists_its_funded_projects(
    client_for, coordinator, world
):
    from quartier.funds.models import Fund

    fund = Fund.objects.filter(calls__applications__status="reported").first()
    response = client_for(coordinator).post(
        url("sachbericht"), {"title": "Sachbericht Fonds", "fund": fund.pk}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.content[0]["blocks"][1]["caption"] == "Geförderte Projekte"


def test_the_lists_of_reports_read_the_same_number_of_queries_for_more_reports(
    client_for, coordinator, municipality
):
    def add(count):
        for i in range(count):
            Report.objects.create(
                municipality=municipality,
                title=f"Bericht {i}",
                audience="public",
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 12, 31),
                status="done",
                data_as_of=timezone.now(),
                published_at=timezone.now(),
                created_by=coordinator,
            )

    client = client_for(coordinator)
    counts = []
    for count in (2, 6):
        add(count)
        for name in ("list", "public_list"):
            client.get(url(name))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("list")).status_code == 200
            assert client.get(url("public_list")).status_code == 200
        counts.append([q["sql"][:100] for q in queries.captured_queries])
    assert len(counts[0]) == len(counts[1]), counts[1]

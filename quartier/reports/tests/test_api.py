"""The reports API serves published reports only, with their saved content."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from quartier.reports import generation, services
from quartier.reports.tests.world import PERSON_NAMES, populate

pytestmark = pytest.mark.django_db


def _report(coordinator, municipality, audience, title):
    report = services.report_create(
        by=coordinator,
        municipality=municipality,
        title=title,
        audience=audience,
        period_start=timezone.localdate() - datetime.timedelta(days=365),
        period_end=timezone.localdate(),
        section_keys=["forums.decisions", "participation.contributions"],
    )
    return generation.run(report)


@pytest.fixture
def reports(coordinator, municipality, neighborhood):
    populate(municipality, neighborhood)
    published = _report(coordinator, municipality, "public", "Jahresbericht 2026")
    services.report_publish(by=coordinator, report=published)
    draft = _report(
        coordinator, municipality, "public", "Entwurf, nicht veröffentlicht"
    )
    council = _report(coordinator, municipality, "council", "Bericht an den Rat")
    return published, draft, council


def test_the_list_serves_only_published_reports(client, reports, municipality):
    published, draft, council = reports
    answer = client.get(f"/api/v1/municipalities/{municipality.slug}/reports")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "Jahresbericht 2026"
    assert item["url"].endswith(f"/reports/public/{published.pk}/")
    assert item["pdf"].endswith(f"/reports/public/{published.pk}/pdf/")
    assert "sections" not in item
    assert client.get(item["pdf"]).content.startswith(b"%PDF")


def test_a_published_report_carries_its_saved_sections(client, reports, municipality):
    published, draft, council = reports
    base = f"/api/v1/municipalities/{municipality.slug}/reports"
    answer = client.get(f"{base}/{published.pk}")
    assert answer.status_code == 200
    sections = answer.json()["sections"]
    assert [s["key"] for s in sections] == [s["key"] for s in published.content]
    text = answer.content.decode()
    assert not any(name in text for name in PERSON_NAMES)
    for hidden in (draft, council):
        refused = client.get(f"{base}/{hidden.pk}")
        assert refused.status_code == 404
        assert refused.json()["detail"]


def test_another_municipalitys_report_is_not_found(client, reports, other_municipality):
    published, _draft, _council = reports
    answer = client.get(
        f"/api/v1/municipalities/{other_municipality.slug}/reports/{published.pk}"
    )
    assert answer.status_code == 404

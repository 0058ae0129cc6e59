"""Bounded resources for the HSDS import (docs/security.md, "HSDS import"): every
malicious file gets a clear message and a finished job, never a 500 or a job that
stays "running"; problems are kept to the first 100 and counted."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from quartier.directory.models import Service
from quartier.hsds import services as hsds_services
from quartier.hsds import tasks
from quartier.hsds.models import ImportJob
from quartier.hsds.parsing import ParseError, measure_json
from quartier.hsds.services import MAX_ISSUES
from quartier.hsds.tests.helpers import require_schemas

pytestmark = pytest.mark.django_db

SERVICE = {
    "id": "7d0a3a36-2f6f-4c11-9a47-1f6c7a4b8d01",
    "name": "Bewegungstreff",
    "status": "active",
    "organization": {
        "id": "0f3b1c1e-6a53-4bb3-8f5e-3c8d6f1e2a10",
        "name": "Sportverein",
        "description": "Verein",
    },
}


def _with(**fields) -> bytes:
    return json.dumps([{**SERVICE, **fields}]).encode()


def _raw_service(field: str, literal: str) -> bytes:
    """A service whose `field` is the JSON literal `literal` (json.dumps refuses
    to write NaN or 1e400 the way an attacker does)."""
    text = json.dumps([{**SERVICE, field: "PLACEHOLDER"}])
    return text.replace('"PLACEHOLDER"', literal).encode()


def _location(literal: str) -> bytes:
    location = {
        "id": "3b0e3c0e-1d7b-4c6a-8f0e-5a2b7c9d1e22",
        "location_type": "physical",
        "name": "Bürgerhaus",
        "latitude": "PLACEHOLDER",
        "longitude": 9.18,
    }
    text = json.dumps(
        [{**SERVICE, "service_at_locations": [{"id": SAL_ID, "location": location}]}]
    )
    return text.replace('"PLACEHOLDER"', literal).encode()


SAL_ID = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e55"


def _upload(client, municipality, name: str, content: bytes):
    return client.post(
        f"/{municipality.slug}/hsds/import/",
        {"file": SimpleUploadedFile(name, content)},
    )


# Files that cannot be read as a whole: refused at the upload, with the reason.
UNREADABLE = {
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "mehr als 32 Ebenen tief"),
    "deeply nested objects": (
        b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
        "mehr als 32 Ebenen tief",
    ),
    "100,000 tiny entries": (
        json.dumps([{}] * 100_000).encode(),
        "ein Import nimmt höchstens 5000 Einträge auf",
    ),
    "tabular with an object as key": (
        json.dumps({"phones.csv": [{"contact_id": {"x": 1}}]}).encode(),
        "Aufbau entspricht nicht HSDS",
    ),
}


@pytest.mark.parametrize("case", UNREADABLE, ids=list(UNREADABLE))
def test_unreadable_files_are_refused_with_the_reason(
    client_for, coordinator, municipality, case
):
    require_schemas()
    content, reason = UNREADABLE[case]
    response = _upload(client_for(coordinator), municipality, "x.json", content)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not ImportJob.objects.exists()


def test_too_many_values_are_refused_before_parsing(
    client_for, coordinator, municipality, settings
):
    settings.HSDS_IMPORT_MAX_VALUES = 50
    content = json.dumps([{"name": str(i)} for i in range(60)]).encode()
    response = _upload(client_for(coordinator), municipality, "x.json", content)
    assert "mehr als 50 Werte" in response.content.decode()


def test_too_many_objects_and_lists_are_refused_before_parsing(
    client_for, coordinator, municipality, settings
):
    settings.HSDS_IMPORT_MAX_CONTAINERS = 10
    content = json.dumps([[]] * 20).encode()
    response = _upload(client_for(coordinator), municipality, "x.json", content)
    assert "mehr als 10 Objekte und Listen" in response.content.decode()


def test_brackets_and_commas_inside_texts_are_text(settings):
    settings.HSDS_IMPORT_MAX_VALUES = 10
    text = 'Klammern [[[{{{ und, Kommas, "zitiert" \\ und \\" Ende' * 200
    measure_json(json.dumps([{"description": text}]).encode())  # no ParseError
    with pytest.raises(ParseError):
        measure_json(json.dumps([{"d": i} for i in range(10)]).encode())


def test_a_csv_of_too_many_rows_is_refused(
    client_for, coordinator, municipality, settings
):
    settings.HSDS_IMPORT_MAX_RECORDS = 3
    content = b"organization_name;service_name\n" + b"V;A\n" * 4
    response = _upload(client_for(coordinator), municipality, "x.csv", content)
    assert "höchstens 3 Einträge" in response.content.decode()


# Numbers Quartier cannot keep: errors of their row and field, the job ends failed.
BAD_NUMBERS = {
    "1e400": (_raw_service("minimum_age", "1e400"), "minimum_age"),
    "-1e400": (_raw_service("maximum_age", "-1e400"), "maximum_age"),
    "NaN": (_raw_service("minimum_age", "NaN"), "minimum_age"),
    "Infinity": (_raw_service("maximum_age", "Infinity"), "maximum_age"),
    "5,000 digits": (_raw_service("minimum_age", "9" * 5_000), "minimum_age"),
    "NaN latitude": (
        _location("NaN"),
        "service_at_locations.0.location.latitude",
    ),
    "1e400 latitude": (
        _location("1e400"),
        "service_at_locations.0.location.latitude",
    ),
}


@pytest.mark.parametrize("case", BAD_NUMBERS, ids=list(BAD_NUMBERS))
def test_bad_numbers_are_errors_of_their_row_and_field(
    client_for, coordinator, municipality, case
):
    require_schemas()
    content, field = BAD_NUMBERS[case]
    client = client_for(coordinator)
    response = _upload(client, municipality, "x.json", content)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == "failed" and job.finished_at
    assert [(e["row"], e["field"]) for e in job.errors] == [("services[0]", field)]
    assert "keine Zahl, die Quartier speichern kann" in job.errors[0]["message"]
    assert not Service.objects.exists()
    assert client.get(job.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "-Infinity"])
def test_bad_numbers_in_the_csv_template_name_the_column(
    client_for, coordinator, municipality, value
):
    require_schemas()
    content = (
        "organization_name;service_name;latitude;longitude;location_name;"
        f"minimum_age\nVerein;Angebot;{value};9.1;Haus;{'9' * 5000}\n"
    ).encode()
    _upload(client_for(coordinator), municipality, "x.csv", content)
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert {e["field"] for e in job.errors} == {"latitude", "minimum_age"}


def test_private_keys_in_a_file_are_ignored(client_for, coordinator, municipality):
    require_schemas()
    content = _with(_quartier={"topics": 5, "free_of_charge": "x"})
    _upload(client_for(coordinator), municipality, "x.json", content)
    job = ImportJob.objects.get()
    assert job.status == "done", job.errors


def test_only_the_first_problems_are_kept_and_all_are_counted(
    client_for, coordinator, municipality
):
    require_schemas()
    rows = "".join(f"Verein;;Zeile {i}\n" for i in range(MAX_ISSUES + 50))
    content = ("organization_name;service_name;description\n" + rows).encode()
    client = client_for(coordinator)
    _upload(client, municipality, "x.csv", content)
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert len(job.errors) == MAX_ISSUES
    # Each row misses its name: the template's rule and the schema say so.
    assert job.error_count == 2 * (MAX_ISSUES + 50)
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"{MAX_ISSUES + 100} weitere Probleme sind nicht aufgeführt." in page
    assert page.count('<tr class="kern-table__row"><th scope="row"') == MAX_ISSUES


def test_an_unexpected_error_ends_the_job_as_failed(
    coordinator, municipality, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks, "import_records", broken)
    job = ImportJob.objects.create(
        municipality=municipality, format="json", created_by=coordinator
    )
    tasks.run_job(job, records=[])
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at
    assert "unerwarteten Fehlers" in job.errors[0]["message"]


def test_even_a_shutdown_leaves_no_running_job(coordinator, municipality, monkeypatch):
    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(tasks, "import_records", interrupted)
    job = ImportJob.objects.create(
        municipality=municipality, format="json", created_by=coordinator
    )
    with pytest.raises(KeyboardInterrupt):
        tasks.run_job(job, records=[])
    job.refresh_from_db()
    assert job.status == "failed" and job.error_count == 1


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, _raw_service("minimum_age", "NaN"), b"\xff\xfe kaputt"],
    ids=["nested", "NaN", "not UTF-8"],
)
def test_the_background_task_ends_every_job(coordinator, municipality, content):
    require_schemas()
    job = ImportJob.objects.create(
        municipality=municipality, format="json", created_by=coordinator
    )
    job.file.save(f"{job.pk}.json", ContentFile(content))
    tasks.run_import.enqueue(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at
    assert job.errors[0]["message"]


def test_a_job_whose_worker_died_ends_when_looked_at(
    client_for, coordinator, municipality
):
    job = ImportJob.objects.create(
        municipality=municipality,
        format="csv",
        status="running",
        created_by=coordinator,
    )
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    page = client_for(coordinator).get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == "failed"
    assert "nicht beendet" in job.errors[0]["message"]
    assert 'http-equiv="refresh"' not in page


def test_checking_stops_nowhere_but_keeps_memory_of_100(coordinator, municipality):
    """The result object itself keeps at most MAX_ISSUES of each kind."""
    result = hsds_services.ImportResult()
    for index in range(1000):
        result.add_error(hsds_services.Issue(str(index), "", "x"))
        result.add_warning(hsds_services.Issue(str(index), "", "y"))
    assert (len(result.errors), result.error_count) == (MAX_ISSUES, 1000)
    assert (len(result.warnings), result.warning_count) == (MAX_ISSUES, 1000)

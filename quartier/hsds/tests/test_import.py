"""Importing HSDS JSON and the CSV template: all or nothing, messages naming the row
and the field, background jobs with progress."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory
from quartier.directory.models import Location, Service
from quartier.hsds.models import ImportJob, OrganizationLink
from quartier.hsds.parsing import parse_csv, parse_json, template_csv
from quartier.hsds.services import import_records
from quartier.hsds.tests.helpers import example, require_schemas

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
HEADER = "organization_name;service_name;status;topics;languages;schedule;latitude;longitude;location_name;address;postal_code;city;fees;neighbourhoods;barrier_free"


def _state(municipality):
    return (
        Service.objects.filter(municipality=municipality).count(),
        Location.objects.filter(municipality=municipality).count(),
        Actor.objects.filter(municipality=municipality).count(),
        OrganizationLink.objects.count(),
    )


def _csv(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode()


def test_a_broken_import_changes_nothing_and_names_row_and_field(
    coordinator, municipality
):
    require_schemas()
    good = example("service_full.json")
    bad = copy.deepcopy(good)
    bad["id"] = "5b3f4f8e-6d7a-4b1e-9a55-111111111111"
    bad["status"] = "offen"
    doc = {"services": [good, bad]}
    before = _state(municipality)
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_json(json.dumps(doc).encode()),
    )
    assert not result.ok
    assert [(i.row, i.field) for i in result.errors] == [("services[1]", "status")]
    assert _state(municipality) == before


def test_an_error_found_while_writing_rolls_back_the_rows_before(
    coordinator, municipality
):
    """The second service is valid HSDS but breaks a Quartier rule (age range):
    the first, already written, is rolled back too."""
    require_schemas()
    good = example("service_full.json")
    bad = copy.deepcopy(good)
    bad["id"] = "5b3f4f8e-6d7a-4b1e-9a55-222222222222"
    bad["minimum_age"], bad["maximum_age"] = 60, 10
    before = _state(municipality)
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_json(json.dumps([good, bad]).encode()),
    )
    assert [(i.row, i.field) for i in result.errors] == [("services[1]", "maximum_age")]
    assert _state(municipality) == before


def test_ids_of_another_municipality_are_refused(
    coordinator, municipality, other_municipality, other_admin
):
    require_schemas()
    content = json.dumps(example("service_full.json")).encode()
    assert import_records(
        by=other_admin, municipality=other_municipality, records=parse_json(content)
    ).ok
    result = import_records(
        by=coordinator, municipality=municipality, records=parse_json(content)
    )
    assert not result.ok
    assert Service.objects.get(pk=SERVICE_ID).municipality == other_municipality


def test_residents_and_partners_may_not_import(resident, partner, municipality):
    from django.core.exceptions import PermissionDenied

    for user in (resident, partner):
        with pytest.raises(PermissionDenied):
            import_records(by=user, municipality=municipality, records=[])


def test_the_csv_template_imports(coordinator, municipality, neighborhood):
    require_schemas()
    content = template_csv().replace("sonnenberg", neighborhood.slug).encode()
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_csv(content, municipality.slug),
    )
    assert result.ok, [i.as_dict() for i in result.errors]
    service = Service.objects.get(municipality=municipality)
    assert service.name == "Bewegungstreff für Ältere"
    assert service.provider.name == "Sportverein Sonnenberg e.V."
    assert {t.code for t in service.terms.all()} == {"bewegung", "begegnung", "aeltere"}
    assert service.language_codes == ["de", "tr"]
    assert list(service.neighborhoods.all()) == [neighborhood]
    assert service.barrier_free and service.free_of_charge
    schedule = service.schedules.get()
    assert (schedule.byday, str(schedule.opens_at)) == ("TU,TH", "10:00:00")
    assert service.contacts.get().phone == "07000 123456"
    location = service.locations.get()
    assert (location.address_1, float(location.latitude)) == (
        "Am Sonnenberg 12",
        48.7801,
    )
    # The same sheet again finds the same offering and changes nothing.
    again = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_csv(content, municipality.slug),
    )
    assert again.ok and "services" not in again.summary
    assert Service.objects.filter(municipality=municipality).count() == 1


def test_csv_with_semicolons_and_an_existing_actor(coordinator, municipality):
    require_schemas()
    actor = ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    content = _csv(
        'Tafel Musterstadt e.V.;Lebensmittelausgabe;aktiv;ernaehrung;de|ar;"MO,FR 09:00-12:00";;;;;;;2 € pro Einkauf;;nein'
    )
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_csv(content, municipality.slug),
    )
    assert result.ok, [i.as_dict() for i in result.errors]
    service = Service.objects.get(municipality=municipality)
    assert service.provider == actor
    assert not service.free_of_charge and service.fee_description == "2 € pro Einkauf"
    assert "organizations" not in result.summary


def test_csv_errors_name_row_and_column(coordinator, municipality):
    require_schemas()
    content = _csv(
        "Verein A;Angebot A;active;bewegung;de;MO 14:00-16:00;;;;;;;;;",
        "Verein B;;active;;;;;;;;;;;;",
        "Verein C;Angebot C;offen;gibtsnicht;de;montags;91,5;x;Ort;Weg 1;12345;Stadt;;;vielleicht",
        "Verein D;Angebot D;active;;xx;;;;;;;;;nirgendwo;",
    )
    before = _state(municipality)
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_csv(content, municipality.slug),
    )
    found = {(i.row, i.field) for i in result.errors}
    with translation.override("en"):
        rows = {i.row for i in result.errors}
    assert ("Zeile 3", "service_name") in found or ("Row 3", "service_name") in found
    fields_row_4 = {field for row, field in found if row.endswith(" 4")}
    assert {"status", "schedule", "longitude", "barrier_free"} <= fields_row_4
    assert _state(municipality) == before
    assert rows
    # The second pass (terms, neighbourhoods) reports once the first pass is clean.
    content = _csv(
        "Verein C;Angebot C;active;gibtsnicht;de;;;;;;;;;;",
        "Verein D;Angebot D;active;;de;;;;;;;;;nirgendwo;",
    )
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_csv(content, municipality.slug),
    )
    assert {(i.row[-1], i.field) for i in result.errors} == {
        ("2", "topics"),
        ("3", "neighbourhoods"),
    }
    assert _state(municipality) == before


def test_a_csv_without_the_required_columns_is_refused(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    upload = SimpleUploadedFile("a.csv", b"name;text\nx;y\n", content_type="text/csv")
    response = client.post(f"/{municipality.slug}/hsds/import/", {"file": upload})
    assert response.status_code == 200
    assert "organization_name" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_import_page_runs_a_small_import_at_once(
    client_for, coordinator, municipality
):
    require_schemas()
    client = client_for(coordinator)
    upload = SimpleUploadedFile(
        "angebote.json",
        json.dumps(example("service_full.json")).encode(),
        content_type="application/json",
    )
    response = client.post(f"/{municipality.slug}/hsds/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert job.status == "done" and not job.file
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page
    assert Service.objects.filter(pk=SERVICE_ID).exists()


def test_a_failed_import_page_lists_the_rows(client_for, coordinator, municipality):
    require_schemas()
    client = client_for(coordinator)
    bad = example("service_full.json")
    bad["status"] = "offen"
    upload = SimpleUploadedFile("kaputt.json", json.dumps([bad]).encode())
    client.post(f"/{municipality.slug}/hsds/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == "failed"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "services[0]" in page and "status" in page
    assert not Service.objects.exists()


def test_large_imports_run_in_the_background_with_progress(
    client_for, coordinator, municipality, settings
):
    require_schemas()
    settings.HSDS_IMPORT_BACKGROUND_ROWS = 2
    client = client_for(coordinator)
    rows = [
        f"Verein {i % 2};Angebot {i};active;bewegung;de;TU 10:00-11:00;;;;;;;;;"
        for i in range(5)
    ]
    upload = SimpleUploadedFile("viele.csv", _csv(*rows), content_type="text/csv")
    response = client.post(f"/{municipality.slug}/hsds/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.file  # stored for the worker
    assert (job.status, job.total, job.processed) == ("done", 5, 5)
    assert Service.objects.filter(municipality=municipality).count() == 5
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'max="5" value="5"' in page
    assert 'http-equiv="refresh"' not in page  # finished: no more refreshing


def test_a_running_job_refreshes_itself(client_for, coordinator, municipality):
    job = ImportJob.objects.create(
        municipality=municipality,
        format="csv",
        filename="x.csv",
        status="running",
        total=400,
        processed=120,
        created_by=coordinator,
    )
    client = client_for(coordinator)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page
    assert 'hx-trigger="every 2s"' in page
    assert 'max="400" value="120"' in page
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="import-status"')


def test_the_template_download_has_a_german_comment_and_an_example(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).get(
        f"/{municipality.slug}/hsds/import/template.csv"
    )
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("# Vorlage")
    assert lines[1].startswith("id,organization_id,organization_name,service_name")
    assert "Bewegungstreff" in lines[2]

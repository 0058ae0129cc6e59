"""An import keeps what the file says and nothing more: the file's ids of nested rows,
no invented values (unknown stays unknown), and no change — not even of
`last_modified` — when the same file comes again."""

from __future__ import annotations

import copy
import json

import pytest

from quartier.directory.models import Contact, Location, Schedule, Service
from quartier.hsds import serializers as ser
from quartier.hsds.parsing import parse_json
from quartier.hsds.services import import_records
from quartier.hsds.tests.helpers import example

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
ORGANIZATION = {
    "id": "0f3b1c1e-6a53-4bb3-8f5e-3c8d6f1e2a10",
    "name": "Sportverein",
    "description": "Verein",
}


def _import(coordinator, municipality, doc):
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_json(json.dumps(doc).encode()),
    )
    assert result.ok, [i.as_dict() for i in result.errors]
    return result


def _exported(municipality, pk=SERVICE_ID):
    entry = (
        Service.objects.select_related(*ser.SERVICE_SELECT)
        .prefetch_related(*ser.SERVICE_PREFETCH)
        .get(pk=pk)
    )
    return ser.service(ser.Context(municipality=municipality), entry)


def _ids(rows):
    return [row["id"] for row in rows or []]


def test_nested_rows_keep_the_files_ids_on_every_import(coordinator, municipality):
    doc = example("service_full.json")
    doc["languages"][0]["code"] = "tr"  # Urdu is not one of Quartier's languages
    # The example gives the place's rows the service's ids; here they differ.
    sal = doc["service_at_locations"][0]
    for index, row in enumerate(
        sal["location"]["schedules"]
        + sal["location"]["contacts"]
        + sal["location"]["phones"]
    ):
        row["id"] = f"00000000-0000-4000-8000-{index:012d}"
    for _round in range(2):
        _import(coordinator, municipality, doc)
        exported = _exported(municipality)
        for key in ("schedules", "contacts", "phones", "languages"):
            assert _ids(exported.get(key)) == _ids(doc[key]), key
        location = exported["service_at_locations"][0]["location"]
        file_location = doc["service_at_locations"][0]["location"]
        assert _ids(location.get("schedules")) == _ids(file_location["schedules"])
    # Two imports, one set of rows.
    assert Schedule.objects.filter(service_id=SERVICE_ID).count() == 1
    assert Contact.objects.filter(service_id=SERVICE_ID).count() == 2


def test_the_same_file_again_changes_nothing(coordinator, municipality):
    doc = example("service_full.json")
    _import(coordinator, municipality, doc)
    service = Service.objects.get(pk=SERVICE_ID)
    location = Location.objects.get(pk=LOCATION_ID)
    exported = _exported(municipality)
    histories = (service.history.count(), location.history.count())

    again = _import(coordinator, municipality, doc)

    assert again.summary == {}
    assert _exported(municipality) == exported  # last_modified included
    service.refresh_from_db()
    location.refresh_from_db()
    assert Service.objects.get(pk=SERVICE_ID).modified_at == service.modified_at
    assert (service.history.count(), location.history.count()) == histories

    changed = copy.deepcopy(doc)
    changed["description"] = "Neu beschrieben."
    result = _import(coordinator, municipality, changed)
    assert result.summary["services"] == {"created": 0, "updated": 1}
    assert _exported(municipality)["last_modified"] > exported["last_modified"]
    location.refresh_from_db()
    assert Location.objects.get(pk=LOCATION_ID).modified_at == location.modified_at


def _bare(**fields):
    place = {"id": LOCATION_ID, "location_type": "physical", "name": "Bürgerhaus"}
    return {
        "id": SERVICE_ID,
        "name": "Bewegungstreff",
        "status": "active",
        "organization": ORGANIZATION,
        "service_at_locations": [
            {"id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e55", "location": place}
        ],
        **fields,
    }


def _attributes(data):
    return {
        a["taxonomy_term"]["code"]: a.get("value") for a in data.get("attributes", [])
    }


def test_a_source_without_accessibility_data_stays_unknown(coordinator, municipality):
    _import(coordinator, municipality, _bare(fees_description="5 Euro"))
    exported = _exported(municipality)
    location = exported["service_at_locations"][0]["location"]
    assert "barrierefrei" not in _attributes(exported)
    assert "barrierefrei" not in _attributes(location)
    assert _attributes(exported)["kostenlos"] == "false"  # the file named costs


def test_stated_accessibility_comes_through(coordinator, municipality):
    term = ser.feature_term("barrierefrei")
    stated = [{"id": ORGANIZATION["id"], "taxonomy_term": term, "value": "true"}]
    _import(coordinator, municipality, _bare(attributes=stated, fees_description="5"))
    assert _attributes(_exported(municipality))["barrierefrei"] == "true"
    # A later file that says nothing does not take it back.
    _import(coordinator, municipality, _bare(fees_description="5"))
    assert Service.objects.get(pk=SERVICE_ID).barrier_free is True


def test_a_file_without_costs_keeps_known_costs_and_says_so_for_new_ones(
    coordinator, municipality
):
    first = _import(coordinator, municipality, _bare())
    assert [w.field for w in first.warnings] == ["fees_description"]
    Service.objects.filter(pk=SERVICE_ID).update(
        free_of_charge=False, fee_description="3 Euro im Monat"
    )
    _import(coordinator, municipality, _bare())
    service = Service.objects.get(pk=SERVICE_ID)
    assert (service.free_of_charge, service.fee_description) == (
        False,
        "3 Euro im Monat",
    )


def test_a_schedule_that_is_only_a_note_states_no_recurrence(coordinator, municipality):
    note = {
        "id": "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
        "description": "Nach Absprache",
    }
    _import(coordinator, municipality, _bare(fees_description="5", schedules=[note]))
    assert _exported(municipality)["schedules"] == [note]

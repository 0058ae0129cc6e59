"""The specification's own example files import, and export again without loss of
the fields Quartier keeps (docs/hsds.md, "What Quartier keeps")."""

from __future__ import annotations

import json

import pytest

from quartier.directory.models import Location, Service
from quartier.hsds import serializers as ser
from quartier.hsds.parsing import parse_json
from quartier.hsds.services import import_records
from quartier.hsds.tests.helpers import assert_valid, example, examples_dir

# base.json is the API's information document ({version, profile, openapi_url}),
# not data; taxonomy files name a taxonomy Quartier does not use (imported as a note).
DATA_EXAMPLES = [
    "service_full.json",
    "service_list.json",
    "organization_full.json",
    "organization_list.json",
    "location.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
    "tabular.json",
    "taxonomy.json",
    "taxonomy_list.json",
    "taxonomy_term.json",
    "taxonomy_term_list.json",
]
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
SERVICE_KEPT = [
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
]
LOCATION_KEPT = ["id", "name", "description", "transportation", "url"]
ADDRESS_KEPT = ["address_1", "address_2", "city", "region", "postal_code", "country"]
SCHEDULE_KEPT = ["freq", "interval", "byday", "opens_at", "closes_at", "dtstart"]


def _import(coordinator, municipality, name):
    content = (examples_dir() / name).read_bytes()
    result = import_records(
        by=coordinator, municipality=municipality, records=parse_json(content)
    )
    assert result.ok, [i.as_dict() for i in result.errors]
    return result


@pytest.mark.parametrize("name", DATA_EXAMPLES)
def test_every_example_file_imports(name, coordinator, municipality):
    _import(coordinator, municipality, name)


def test_every_data_example_is_listed():
    names = {p.name for p in examples_dir().glob("*.json")}
    assert names - set(DATA_EXAMPLES) == {"base.json"}


def _service_from(doc):
    if "contents" in doc:
        doc = doc["contents"][0]
    if "service" in doc:
        return doc["service"]
    return doc


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "tabular.json",
    ],
)
def test_a_service_example_exports_again_with_the_fields_quartier_keeps(
    name, coordinator, municipality
):
    _import(coordinator, municipality, name)
    original = _service_from(example(name))
    if name == "tabular.json":
        original = example(name)["services.csv"][0]
    service = Service.objects.get(pk=SERVICE_ID)
    exported = ser.service(ser.Context(municipality), _prefetched(service))
    assert_valid("service", exported)
    for key in SERVICE_KEPT:
        if key in original:
            assert exported.get(key) == _trimmed(original[key]), key
    assert exported["organization_id"] == ORG_ID
    assert exported["organization"]["name"] == "Example Organization Inc."
    if "schedules" in original:
        for key in SCHEDULE_KEPT:
            assert exported["schedules"][0].get(key) == original["schedules"][0].get(
                key
            ), key
        assert (
            exported["schedules"][0]["description"]
            == (original["schedules"][0]["description"])
        )
    if "contacts" in original:
        contact = exported["contacts"][0]
        for key in ("name", "title", "email"):
            assert contact[key] == original["contacts"][0][key]
        assert (
            contact["phones"][0]["number"]
            == (original["contacts"][0]["phones"][0]["number"])
        )
    if "phones" in original:
        assert [p["number"] for p in exported["phones"]] == [
            p["number"] for p in original["phones"]
        ]
    locations = [
        sal for sal in _service_from(example(name)).get("service_at_locations", [])
    ] or ([example(name)["contents"][0]] if "contents" in example(name) else [])
    for sal in locations:
        if "location" not in sal:
            continue
        out = exported["service_at_locations"][0]
        assert out["id"] == sal["id"]
        assert out["description"] == sal["description"]
        _assert_location_kept(out["location"], sal["location"])


def _trimmed(value):
    # Quartier trims surrounding white space from texts.
    return value.strip() if isinstance(value, str) else value


def _assert_location_kept(exported, original):
    for key in LOCATION_KEPT:
        if key in original:
            assert exported.get(key) == _trimmed(original[key]), key
    if original.get("addresses"):
        for key in ADDRESS_KEPT:
            assert exported["addresses"][0].get(key) == original["addresses"][0][key]
    if original.get("phones"):
        assert exported["phones"][0]["number"] == original["phones"][0]["number"]
    if original.get("accessibility"):
        text = exported["accessibility"][0]["description"]
        assert original["accessibility"][0]["description"] in text
        assert original["accessibility"][0]["details"] in text


def _prefetched(service):
    return (
        Service.objects.select_related(*ser.SERVICE_SELECT)
        .prefetch_related(*ser.SERVICE_PREFETCH)
        .get(pk=service.pk)
    )


def test_the_location_example_exports_again(coordinator, municipality):
    _import(coordinator, municipality, "location.json")
    location = (
        Location.objects.select_related(*ser.LOCATION_SELECT)
        .prefetch_related(*ser.LOCATION_PREFETCH)
        .get(pk=LOCATION_ID)
    )
    exported = ser.location(ser.Context(municipality), location)
    assert_valid("location", exported)
    _assert_location_kept(exported, example("location.json"))
    # Coordinates outside the earth's range are dropped with a note.
    assert "latitude" not in exported


def test_the_organization_example_keeps_its_id_and_services(coordinator, municipality):
    _import(coordinator, municipality, "organization_full.json")
    service = Service.objects.get(pk=SERVICE_ID)
    org = ser.organization(ser.Context(municipality), service.provider)
    assert_valid("organization", org)
    original = example("organization_full.json")
    assert org["id"] == ORG_ID
    for key in ("name", "description", "email", "website"):
        assert org[key] == original[key]
    assert org["phones"][0]["number"] == original["phones"][0]["number"]


def test_importing_an_example_twice_finds_instead_of_duplicating(
    coordinator, municipality
):
    first = _import(coordinator, municipality, "service_full.json")
    assert first.summary["services"] == {"created": 1, "updated": 0}
    second = _import(coordinator, municipality, "service_full.json")
    assert second.summary == {}  # found again, nothing changed
    assert Service.objects.filter(municipality=municipality).count() == 1
    assert Location.objects.filter(municipality=municipality).count() == 1
    assert "organizations" not in second.summary


def test_the_export_file_imports_again_into_another_municipality(
    coordinator, municipality, client
):
    _import(coordinator, municipality, "service_full.json")
    client.force_login(coordinator)
    response = client.get(f"/{municipality.slug}/hsds/export.json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert [s["id"] for s in doc["services"]] == [SERVICE_ID]
    # The same file again into the same municipality changes nothing new.
    result = import_records(
        by=coordinator,
        municipality=municipality,
        records=parse_json(response.content),
    )
    assert result.ok, [i.as_dict() for i in result.errors]
    assert "services" not in result.summary  # its own export: nothing changed

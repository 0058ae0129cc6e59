"""The HSDS read API: Page wrapper, query parameters, errors, tenancy, query counts."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.directory.models import Service
from quartier.hsds import serializers as ser
from quartier.hsds.tests.factories import (
    ContactFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)
from quartier.hsds.tests.helpers import assert_valid, require_schemas
from quartier.hsds.views.api import page_of

pytestmark = pytest.mark.django_db


def url(municipality, path=""):
    return f"/{municipality.slug}/hsds/{path}"


def _service(municipality, **kwargs):
    location = LocationFactory(municipality=municipality)
    service = ServiceFactory(municipality=municipality, locations=[location], **kwargs)
    ScheduleFactory(service=service)
    ContactFactory(service=service)
    return service


def test_the_root_names_version_profile_and_openapi(client, municipality):
    data = client.get(url(municipality)).json()
    assert data["version"] == "3.0"
    assert data["profile"].endswith("/musterstadt/hsds/profile")
    openapi = client.get(url(municipality, "openapi.json"))
    assert openapi.status_code == 200
    assert "/services" in openapi.json()["paths"]


def test_services_come_in_the_page_wrapper(client, municipality):
    for index in range(3):
        _service(municipality, name=f"Angebot {index}")
    data = client.get(url(municipality, "services"), {"per_page": 2}).json()
    assert data["total_items"] == 3
    assert data["total_pages"] == 2
    assert data["page_number"] == 1
    assert data["size"] == 2
    assert data["first_page"] is True
    assert data["last_page"] is False
    assert data["empty"] is False
    assert [s["name"] for s in data["contents"]] == ["Angebot 0", "Angebot 1"]
    second = client.get(url(municipality, "services"), {"per_page": 2, "page": 2})
    assert second.json()["last_page"] is True
    assert len(second.json()["contents"]) == 1
    beyond = client.get(url(municipality, "services"), {"page": 9}).json()
    assert beyond["empty"] is True and beyond["contents"] == []


def test_per_page_is_at_most_100():
    request = RequestFactory().get("/", {"per_page": 1000})
    data = page_of(request, list(range(150)), lambda item: {"n": item})
    assert data["size"] == 100
    assert data["total_pages"] == 2


def test_size_is_the_number_of_items_on_the_page(client, municipality):
    for index in range(3):
        _service(municipality, name=f"Angebot {index}")
    sizes = [
        client.get(url(municipality, "services"), {"per_page": 2, "page": page}).json()
        for page in (1, 2, 3)
    ]
    assert [(p["size"], len(p["contents"])) for p in sizes] == [(2, 2), (1, 1), (0, 0)]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": "0"},
        {"per_page": "-1"},
        {"modified_after": "gestern"},
        {"modified_after": "2025-13-45T99:00:00"},
        {"taxonomy_term_id": "kein-uuid"},
        {"organization_id": "42"},
    ],
)
def test_bad_parameters_answer_400_with_detail(client, municipality, params):
    response = client.get(url(municipality, "services"), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_only_listed_services_are_shown(client, municipality):
    listed = _service(municipality, name="Sichtbar")
    ServiceFactory(
        municipality=municipality, name="Archiviert", archived_at=timezone.now()
    )
    ServiceFactory(municipality=municipality, name="Eingestellt", status="defunct")
    hidden_actor = ActorFactory(municipality=municipality, visibility="internal")
    internal = ServiceFactory(municipality=municipality, provider=hidden_actor)
    data = client.get(url(municipality, "services")).json()
    assert [s["id"] for s in data["contents"]] == [str(listed.pk)]
    assert client.get(url(municipality, f"services/{internal.pk}")).status_code == 404
    orgs = client.get(url(municipality, "organizations")).json()["contents"]
    assert ser.organization_id(hidden_actor) not in {o["id"] for o in orgs}


def test_another_municipalitys_ids_are_404_json(
    client, municipality, other_municipality
):
    theirs = _service(other_municipality)
    for path in (
        f"services/{theirs.pk}",
        f"organizations/{ser.organization_id(theirs.provider)}",
        f"service_at_locations/{theirs.service_at_locations.get().pk}",
        f"services/{uuid.uuid4()}",
        "services/not-a-uuid",
        "taxonomy_terms/nope",
    ):
        response = client.get(url(municipality, path))
        assert response.status_code == 404, path
        assert response.json()["detail"]
    listed = client.get(url(municipality, "services")).json()
    assert listed["total_items"] == 0


def test_filters(client, municipality):
    require_schemas()
    sport = term(municipality, "bewegung")
    one = _service(municipality, name="Lauftreff", terms=[sport])
    two = _service(municipality, name="Beratung am Mittwoch")
    get = lambda **p: [  # noqa: E731
        s["name"]
        for s in client.get(url(municipality, "services"), p).json()["contents"]
    ]
    assert get(taxonomy_term_id=str(sport.pk)) == ["Lauftreff"]
    assert get(taxonomy_term_id=ser.feature_term_id("kostenlos")) == [
        "Beratung am Mittwoch",
        "Lauftreff",
    ]
    assert get(organization_id=ser.organization_id(two.provider)) == [
        "Beratung am Mittwoch"
    ]
    assert get(search="Lauftreff") == ["Lauftreff"]
    Service.objects.filter(pk=one.pk).update(
        modified_at=timezone.now() - datetime.timedelta(days=10)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert get(modified_after=since) == ["Beratung am Mittwoch"]
    assert get(modified_after=since[:10]) == ["Beratung am Mittwoch"]
    taxonomy = ser.TAXONOMY_BY_KEY["topic"].id
    terms = client.get(url(municipality, "taxonomy_terms"), {"taxonomy_id": taxonomy})
    assert {t["taxonomy_id"] for t in terms.json()["contents"]} == {taxonomy}


def test_a_full_service_carries_german_specifics_as_attributes(
    client, municipality, neighborhood
):
    require_schemas()
    service = _service(
        municipality,
        terms=[term(municipality, "bewegung"), term(municipality, "aeltere")],
        neighborhoods=[neighborhood],
        languages=["de", "tr"],
        barrier_free=True,
    )
    data = client.get(url(municipality, f"services/{service.pk}")).json()
    assert_valid("service", data)
    names = {a["taxonomy_term"]["name"]: a.get("value") for a in data["attributes"]}
    assert names["Bewegung"] is None
    assert names["Ältere"] is None
    assert names[neighborhood.name] is None
    assert names["kostenlos"] == "true"
    assert names["barrierefrei"] == "true"
    assert [lang["code"] for lang in data["languages"]] == ["de", "tr"]
    assert data["service_areas"][0]["name"] == neighborhood.name
    assert data["service_at_locations"][0]["location"]["addresses"][0]["postal_code"]
    assert isinstance(data["service_at_locations"][0]["location"]["latitude"], float)
    assert all(v not in (None, "", []) for v in data.values())


@pytest.mark.parametrize(
    "path",
    [
        "services",
        "services?full=true",
        "service_at_locations",
        "organizations",
        "taxonomy_terms",
    ],
)
def test_lists_need_the_same_number_of_queries_for_5_and_50_rows(path, municipality):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure():
        cache.clear()  # no page from the guest cache
        client = Client()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(municipality, path)).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(5):
        _service(municipality)
    few = measure()
    for _ in range(45):
        _service(municipality)
    assert measure() == few
    assert few >= 2


def test_the_total_is_kept_until_the_data_changes(client, municipality):
    # Counting 20,000 listed offerings cost more than the rest of a page: the total
    # is kept per list and filters (core/kept_until_changed.py) until a write through the web
    # bumps the data version; a write outside the web shows within KEEP_SECONDS.
    from quartier.core import pagecache

    for index in range(3):
        _service(municipality, name=f"Angebot {index}")

    def totals(**query):
        return client.get(url(municipality, "services"), query).json()["total_items"]

    assert totals(per_page=1) == 3
    _service(municipality, name="Angebot 3")
    # The same list, another page: the kept total, unless the page reaches further.
    data = client.get(url(municipality, "services"), {"page": 2, "per_page": 1}).json()
    assert (data["total_items"], data["size"]) == (3, 1)
    data = client.get(url(municipality, "services"), {"page": 4, "per_page": 1}).json()
    assert (data["total_items"], data["contents"][0]["name"]) == (4, "Angebot 3")
    # Other filters are another list.
    assert totals(search="Angebot") == 4
    pagecache.bump()  # what every successful write through the web does
    assert totals() == 4

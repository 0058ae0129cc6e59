"""The programme library's API: the municipality's library (own + shared) and the
shared library; other municipalities' programmes never; bad parameters are 4xx JSON."""

import pytest

from quartier.programmes.models import ProgrammeElement
from quartier.programmes.tests.factories import (
    ProgrammeElementFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(municipality, other_municipality):
    shared = ProgrammeFactory(municipality=None, name="Gemeinsam gehen")
    ProgrammeElementFactory(programme=shared, name="Wöchentlich", position=0)
    ProgrammeElementFactory(
        programme=shared,
        name="Treffpunkt",
        kind=ProgrammeElement.Kind.ADAPTABLE,
        position=0,
    )
    own = ProgrammeFactory(
        municipality=municipality, name="Eigenes", copied_from=shared
    )
    other = ProgrammeFactory(municipality=other_municipality, name="Fremdes")
    return {"shared": shared, "own": own, "other": other}


def names(response):
    assert response.status_code == 200, response.content
    return sorted(p["name"] for p in response.json()["items"])


def test_members_read_the_own_and_the_shared_library(client_for, resident, library):
    client = client_for(resident)
    assert names(client.get("/api/v1/municipalities/musterstadt/programmes")) == [
        "Eigenes",
        "Gemeinsam gehen",
    ]
    detail = client.get(
        f"/api/v1/municipalities/musterstadt/programmes/{library['shared'].pk}"
    ).json()
    assert detail["shared"] is True
    assert [e["name"] for e in detail["core_elements"]] == ["Wöchentlich"]
    assert [e["name"] for e in detail["adaptable_elements"]] == ["Treffpunkt"]
    own = client.get(
        f"/api/v1/municipalities/musterstadt/programmes/{library['own'].pk}"
    ).json()
    assert own["copied_from"] == library["shared"].pk
    assert own["municipality"] == "musterstadt"


def test_guests_read_only_the_shared_library(client_for, library):
    client = client_for(None)
    assert names(client.get("/api/v1/municipalities/musterstadt/programmes")) == [
        "Gemeinsam gehen"
    ]
    response = client.get(
        f"/api/v1/municipalities/musterstadt/programmes/{library['own'].pk}"
    )
    assert response.status_code == 404
    assert names(client.get("/api/v1/programmes")) == ["Gemeinsam gehen"]
    assert client.get(f"/api/v1/programmes/{library['own'].pk}").status_code == 404


def test_another_municipalitys_programmes_stay_invisible(
    client_for, other_admin, library
):
    client = client_for(other_admin)
    assert names(client.get("/api/v1/municipalities/beispielheim/programmes")) == [
        "Fremdes",
        "Gemeinsam gehen",
    ]
    for slug in ("beispielheim", "musterstadt"):
        response = client.get(
            f"/api/v1/municipalities/{slug}/programmes/{library['own'].pk}"
        )
        assert response.status_code == 404
        assert "detail" in response.json()


def test_filters(client_for, coordinator, library):
    client = client_for(coordinator)
    base = "/api/v1/municipalities/musterstadt/programmes"
    assert names(client.get(base, {"scope": "shared"})) == ["Gemeinsam gehen"]
    assert names(client.get(base, {"scope": "own"})) == ["Eigenes"]
    assert names(client.get(base, {"target_group": "Alleinlebende"})) == [
        "Eigenes",
        "Gemeinsam gehen",
    ]
    assert names(client.get(base, {"target_group": "Allein"})) == []


@pytest.mark.parametrize(
    "query",
    [{"scope": "alle"}, {"page": "0"}, {"q": "x" * 101}, {"page_size": "abc"}],
)
def test_bad_parameters_are_422_json(client_for, coordinator, library, query):
    response = client_for(coordinator).get(
        "/api/v1/municipalities/musterstadt/programmes", query
    )
    assert response.status_code == 422
    assert response.json()["detail"]


def test_a_huge_or_bad_id_is_4xx_json(client_for, library):
    client = client_for(None)
    for path in ("/api/v1/programmes/99999999999999999999", "/api/v1/programmes/x"):
        response = client.get(path)
        assert response.status_code in (404, 422)
        assert response.json()["detail"]


def test_the_list_query_count_does_not_grow(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    for _i in range(10):
        programme = ProgrammeFactory(municipality=municipality)
        ProgrammeElementFactory.create_batch(3, programme=programme)
    client = client_for(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/municipalities/musterstadt/programmes")
    assert len(response.json()["items"]) == 10

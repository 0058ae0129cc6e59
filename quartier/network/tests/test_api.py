"""The network API: measures per snapshot, for coordinators only."""

import pytest

from quartier.network.models import Snapshot

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/musterstadt/network/snapshots"


@pytest.fixture
def snapshot(municipality):
    return Snapshot.objects.create(
        municipality=municipality,
        taken_on="2025-06-30",
        sources=["ties"],
        measures={"density": 0.25, "actors": 4},
        data={"nodes": [], "edges": []},
    )


def test_coordinators_read_the_measures_of_each_snapshot(
    client_for, coordinator, snapshot
):
    client = client_for(coordinator)
    response = client.get(URL)
    assert response.status_code == 200, response.content
    [item] = response.json()["items"]
    assert item["measures"] == {"density": 0.25, "actors": 4}
    assert "nodes" not in item
    detail = client.get(f"{URL}/{snapshot.pk}")
    assert detail.status_code == 200
    assert detail.json()["taken_on"] == "2025-06-30"


def test_others_do_not(client_for, partner, other_admin, snapshot):
    assert client_for(partner).get(URL).status_code == 403
    assert client_for(partner).get(f"{URL}/{snapshot.pk}").status_code == 404
    assert client_for(other_admin).get(f"{URL}/{snapshot.pk}").status_code in (403, 404)

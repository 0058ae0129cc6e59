"""Every object the HSDS API returns for the demo validates against the
specification's schemas (the copy shipped in quartier/hsds/specification)."""

from __future__ import annotations

import pytest
from django.test import Client

from quartier.hsds.tests.helpers import assert_valid, require_schemas

LISTS = {
    "services": "service",
    "organizations": "organization",
    "service_at_locations": "service_at_location",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _pages(client, url):
    page = 1
    while True:
        response = client.get(url, {"page": page, "per_page": 100})
        assert response.status_code == 200, url
        data = response.json()
        assert set(data) == PAGE_KEYS
        yield data
        if data["last_page"]:
            return
        page += 1


@pytest.mark.django_db
def test_every_object_of_the_demo_validates():
    require_schemas()
    from quartier.demo.loader import seed

    seed()
    client = Client()
    base = "/musterstadt/hsds"
    root = client.get(f"{base}/").json()
    assert root["version"] == "3.0"
    assert root["openapi_url"].endswith("/musterstadt/hsds/openapi.json")
    counts = {}
    for path, kind in LISTS.items():
        seen = 0
        for page in _pages(client, f"{base}/{path}"):
            for item in page["contents"]:
                assert_valid(kind, item, f"{path} list")
                seen += 1
                if path in ("taxonomies", "taxonomy_terms", "service_at_locations"):
                    detail = client.get(f"{base}/{path}/{item['id']}")
                    assert detail.status_code == 200
                    assert_valid(kind, detail.json(), f"{path} detail")
        counts[path] = seen
    assert counts["services"] >= 50
    assert counts["service_at_locations"] >= 20
    services = client.get(f"{base}/services", {"per_page": 100, "full": "true"})
    for item in services.json()["contents"]:
        assert_valid("service", item, "full services list")
    ids = [
        item["id"]
        for page in _pages(client, f"{base}/services")
        for item in page["contents"]
    ]
    for service_id in ids:
        detail = client.get(f"{base}/services/{service_id}")
        assert detail.status_code == 200
        data = detail.json()
        assert_valid("service", data, "service detail")
        assert data["attributes"], "German specifics are attributes"
    for page in _pages(client, f"{base}/organizations"):
        for item in page["contents"]:
            detail = client.get(f"{base}/organizations/{item['id']}")
            assert detail.status_code == 200
            assert_valid("organization", detail.json(), "organization detail")
    export = client.get(f"{base}/export.json").json()
    assert len(export["services"]) == counts["services"]
    for item in export["services"]:
        assert_valid("service", item, "export")

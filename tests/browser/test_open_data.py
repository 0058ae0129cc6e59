"""Open data in the browser (at 1280 and 360 px): a resident opens the open-data
page from the municipality's home, sees every dataset with its licence, and
downloads the contributions as GeoJSON, which parses and holds the points of the
public contributions. axe and the layout check run on every page."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from quartier.core import open_datasets as od
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.browser


@pytest.mark.both_widths
def test_a_resident_downloads_the_contributions_as_geojson(tab, world):
    municipality = world["municipality"]
    ContributionFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        title="Zebrastreifen an der Schule",
        latitude=Decimal("48.778500"),
        longitude=Decimal("9.180000"),
    )
    ContributionFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        title="Noch nicht freigegeben",
        latitude=Decimal("48.7"),
        longitude=Decimal("9.1"),
        moderation="pending",
    )
    tab.force_login(world["users"]["resident"])
    tab.visit("/musterstadt/")
    with tab.page.expect_navigation():
        tab.page.locator('a[href="/musterstadt/open-data/"]').first.click()
    tab.scan()
    page = tab.page
    for dataset in od.datasets():
        assert page.locator(f"#dataset-{dataset.key}").is_visible()
    link = page.locator('a[href="/musterstadt/open-data/files/contributions.geojson"]')
    with page.expect_download() as info:
        link.click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["title"] for f in data["features"]] == [
        "Zebrastreifen an der Schule"
    ]
    assert data["features"][0]["geometry"] == {
        "type": "Point",
        "coordinates": [9.18, 48.7785],
    }

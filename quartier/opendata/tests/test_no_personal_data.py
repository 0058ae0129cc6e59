"""Open data holds no personal data: in a world where named people wrote
contributions (signed in and as guests), sit in forums, carry responsibility for
decisions, booked rooms, applied for grants and are contact persons of offerings,
no file of any registered dataset and neither catalogue contains a person's name
or e-mail address. The only e-mail address allowed is the municipality's
functional contact address (in the catalogue's contact point). The crawl walks the
registry, so a dataset added later is checked without a change here."""

import json
import re

import pytest

from quartier.core import open_datasets as od
from quartier.opendata.catalog import file_url
from quartier.opendata.tests.world import FUNCTIONAL_ADDRESSES, PEOPLE, build_world

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _texts(client, municipality):
    """(url, text) of every distribution of every dataset and the catalogues."""
    urls = [
        file_url(municipality, dataset, dist)
        for dataset in od.datasets()
        for dist in dataset.distributions
    ]
    slug = municipality.slug
    urls += [f"/{slug}/open-data/catalog.jsonld", f"/{slug}/open-data/catalog.rdf"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode("utf-8")


def test_no_name_or_address_of_a_person_in_any_file(municipality, client):
    build_world(municipality, size=2)
    crawled = 0
    for url, text in _texts(client, municipality):
        crawled += 1
        for name, email in PEOPLE:
            for part in (name, *name.split()):
                assert part not in text, f"{part} in {url}"
            assert email not in text, f"{email} in {url}"
        addresses = set(EMAIL.findall(text)) - FUNCTIONAL_ADDRESSES
        assert addresses == set(), f"e-mail addresses in {url}"
    assert crawled == sum(len(d.distributions) for d in od.datasets()) + 2


def test_every_file_has_the_public_rows(municipality, client):
    """The files are not empty for want of data: the crawl above read real rows."""
    build_world(municipality, size=2)
    for dataset in od.datasets():
        assert dataset.last_change(municipality) is not None, dataset.key
    slug = municipality.slug
    geo = client.get(f"/{slug}/open-data/files/contributions.geojson")
    features = json.loads(geo.content)["features"]
    assert len(features) == 2
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [8.41, 49.01]}
    csv = client.get(f"/{slug}/open-data/files/funded-projects.csv").content.decode()
    assert "800.00" in csv and "Quartier 0" in csv
    # Texts that name a person keep their sense, without the name.
    offerings = client.get(f"/{slug}/open-data/files/offerings.csv").content.decode()
    assert "[Name entfernt] berät Sie gern." in offerings
    hsds = client.get(f"/{slug}/open-data/files/offerings.json").content.decode()
    assert "[Name entfernt] berät Sie gern." in hsds
    assert "Wie [Name entfernt] im Forum sagte" in geo.content.decode()

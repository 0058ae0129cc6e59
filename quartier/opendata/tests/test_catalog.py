"""The DCAT-AP.de catalogue: both serialisations parse and pass the DCAT-AP 3.0 +
DCAT-AP.de 3.0 SHACL shapes without a violation; every registered dataset and
file is in it with the municipality's licence; it costs the same number of
queries with more data."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from quartier.core import open_datasets as od
from quartier.opendata.models import Licence, OpenDataSettings
from quartier.opendata.tests.shapes import validate
from quartier.opendata.tests.world import build_world

pytestmark = pytest.mark.django_db

CATALOGUES = [("catalog.jsonld", "json-ld"), ("catalog.rdf", "xml")]
DCATDE = "http://dcat-ap.de/def/dcatde/"

# Warnings the shapes give (docs/open-data.md, "Validation", explains each); a new
# kind of warning fails here until it is understood and listed there.
KNOWN_WARNINGS = ("contributorID",)


def _graph(client, path, fmt):
    response = client.get(f"/musterstadt/open-data/{path}")
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content, format=fmt)
    return response, graph


@pytest.mark.parametrize(("path", "fmt"), CATALOGUES)
def test_catalogue_passes_the_dcat_ap_de_shapes(municipality, client, path, fmt):
    municipality.ags = "08999001"
    municipality.save()
    build_world(municipality)
    _response, graph = _graph(client, path, fmt)
    violations, warnings = validate(graph)
    assert violations == [], "\n".join(violations)
    unknown = [w for w in warnings if not any(k in w for k in KNOWN_WARNINGS)]
    assert unknown == [], "\n".join(unknown)


@pytest.mark.parametrize(("path", "fmt"), CATALOGUES)
def test_catalogue_names_the_municipality_by_its_official_key(
    municipality, client, path, fmt
):
    key = URIRef("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/08999001")
    _response, graph = _graph(client, path, fmt)
    assert key not in set(graph.objects(None, DCTERMS.spatial))
    municipality.ags = "08999001"
    municipality.save()
    _response, graph = _graph(client, path, fmt)
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {s for s in graph.subjects(DCTERMS.spatial, key)} >= datasets
    assert (key, RDF.type, DCTERMS.Location) in graph


def test_an_incomplete_catalogue_is_caught_by_the_shapes(municipality, client):
    """The validation can fail: a dataset without a title is a violation."""
    build_world(municipality)
    _response, graph = _graph(client, "catalog.jsonld", "json-ld")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.title, None))
    violations, _warnings = validate(graph)
    assert any("title" in v for v in violations)


@pytest.mark.parametrize(("path", "fmt"), CATALOGUES)
def test_catalogue_lists_every_dataset_and_file(municipality, client, path, fmt):
    build_world(municipality)
    response, graph = _graph(client, path, fmt)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == len(od.datasets())
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {URIRef(Licence.DL_BY)}
    urls = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert len(urls) == sum(len(d.distributions) for d in od.datasets())
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_catalogue_carries_the_chosen_licence_and_attribution(municipality, client):
    OpenDataSettings.objects.create(
        municipality=municipality,
        licence=Licence.CC_BY,
        attribution="Stadt Musterstadt, Quartiersmanagement",
    )
    _response, graph = _graph(client, "catalog.rdf", "xml")
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef(Licence.CC_BY)}
    attributions = set(graph.objects(None, URIRef(DCATDE + "licenseAttributionByText")))
    assert attributions == {
        Literal("Stadt Musterstadt, Quartiersmanagement", lang="de")
    }


def _queries(client, url):
    cache.clear()  # what is computed, not what is kept (opendata/kept.py)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_catalogue_and_page_cost_the_same_with_more_data(municipality, client):
    build_world(municipality, size=1)
    urls = [
        "/musterstadt/open-data/catalog.jsonld",
        "/musterstadt/open-data/catalog.rdf",
        "/musterstadt/open-data/",
    ]
    few = [_queries(client, url) for url in urls]
    build_world(municipality, size=4, start=1)
    assert [_queries(client, url) for url in urls] == few

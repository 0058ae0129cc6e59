"""The DCAT-AP.de catalogue of a municipality's open data, built with rdflib.

One dcat:Catalog (published by the municipality, a foaf:Agent), one dcat:Dataset
per registered dataset (core/open_datasets.py) and one dcat:Distribution per file.
Values from controlled vocabularies (licence, frequency, theme, file type,
publisher type, language, geocoding level) are typed in the graph itself, with
their skos:inScheme: harvesters and the SHACL shapes of DCAT-AP.de check the
scheme, and the vocabularies on the internet are not fetched by a validator that
runs offline. The catalogue costs the same number of queries however much data
there is: one aggregate per dataset (its last change, kept for a while:
opendata/kept.py) and the settings.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from quartier.core import open_datasets as od
from quartier.opendata.kept import last_changes
from quartier.opendata.models import OpenDataSettings

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = od.EU
IANA = "https://www.iana.org/assignments/media-types/"

SCHEMES = {
    "licence": URIRef("http://dcat-ap.de/def/licenses"),
    "frequency": URIRef(EU + "frequency"),
    "theme": URIRef(EU + "data-theme"),
    "file_type": URIRef(EU + "file-type"),
    "language": URIRef(EU + "language"),
    "publisher_type": URIRef("http://purl.org/adms/publishertype/1.0"),
    "geocoding_level": URIRef("http://dcat-ap.de/def/politicalGeocoding/Level"),
}
GERMAN = URIRef(EU + "language/DEU")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
MUNICIPALITY_LEVEL = URIRef(
    "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
)
# The municipality in DCAT-AP.de's geocoding vocabulary, by its official key (AGS).
# DCAT-AP.de 3.0 deprecates dcatde:politicalGeocodingURI; the key's IRI is given as
# dct:spatial (a dct:Location) instead.
MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/"


def _concept(graph: Graph, uri: str | URIRef, scheme: str, *types: URIRef) -> URIRef:
    node = URIRef(uri)
    graph.add((node, RDF.type, SKOS.Concept))
    for kind in types:
        graph.add((node, RDF.type, kind))
    graph.add((node, SKOS.inScheme, SCHEMES[scheme]))
    return node


def _timestamp(value: datetime.datetime) -> Literal:
    return Literal(
        value.astimezone(datetime.UTC).replace(microsecond=0).isoformat(),
        datatype=XSD.dateTime,
    )


def _de(text: Any) -> Literal:
    return Literal(str(text), lang="de")


def build_graph(request: Any, settings: OpenDataSettings | None = None) -> Graph:
    """The catalogue of request.municipality (absolute URLs from the request)."""
    municipality = request.municipality
    settings = settings or OpenDataSettings.for_(municipality)
    slug = {"municipality_slug": municipality.slug}
    page = request.build_absolute_uri(reverse("opendata:index", kwargs=slug))
    home = request.build_absolute_uri(municipality.get_absolute_url())

    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("skos", SKOS)
    graph.bind("dcatde", DCATDE)
    graph.bind("vcard", VCARD)

    publisher = URIRef(home)
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, _de(municipality.name)))
    graph.add(
        (
            publisher,
            DCTERMS.type,
            _concept(graph, LOCAL_AUTHORITY, "publisher_type"),
        )
    )
    licence = _concept(graph, settings.licence, "licence", DCTERMS.LicenseDocument)
    language = _concept(graph, GERMAN, "language", DCTERMS.LinguisticSystem)
    level = _concept(graph, MUNICIPALITY_LEVEL, "geocoding_level")
    contact = None
    if settings.contact:
        # A named node, not a blank one: RDF/XML then writes it once at the top
        # level with both its types, instead of nesting it in whichever dataset
        # the serialiser meets first (SHACL then missed vcard:Kind now and then).
        contact = URIRef(page + "#contact")
        graph.add((contact, RDF.type, VCARD.Kind))
        graph.add((contact, RDF.type, VCARD.Organization))
        graph.add((contact, VCARD.fn, _de(settings.attribution_text)))
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact}")))

    spatial = None
    if municipality.ags:
        spatial = URIRef(MUNICIPALITY_KEY + municipality.ags)
        graph.add((spatial, RDF.type, DCTERMS.Location))

    catalog = URIRef(page + "#catalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, _de(f"Offene Daten – {municipality.name}")))
    graph.add(
        (
            catalog,
            DCTERMS.description,
            _de(
                f"Offene Daten der Quartiersarbeit in {municipality.name}: "
                "Beschlüsse, Beiträge, Termine, Angebote, Orte, geförderte Projekte "
                "und Quartiere."
            ),
        )
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, URIRef(page)))
    graph.add((catalog, DCTERMS.language, language))
    graph.add((catalog, DCTERMS.license, licence))
    if spatial is not None:
        graph.add((catalog, DCTERMS.spatial, spatial))

    changes = []
    changed_at = last_changes(municipality)
    for dataset in od.datasets():
        changed = changed_at[dataset.key]
        node = URIRef(f"{page}#{dataset.key}")
        graph.add((catalog, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(f"{page}#{dataset.key}")))
        graph.add((node, DCTERMS.title, _de(dataset.title)))
        graph.add((node, DCTERMS.description, _de(dataset.description)))
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCTERMS.language, language))
        graph.add((node, DCAT.landingPage, URIRef(f"{page}#{dataset.key}")))
        graph.add(
            (
                node,
                DCTERMS.accrualPeriodicity,
                _concept(graph, dataset.frequency, "frequency", DCTERMS.Frequency),
            )
        )
        for theme in dataset.themes:
            graph.add((node, DCAT.theme, _concept(graph, theme, "theme")))
        for keyword in dataset.keywords:
            graph.add((node, DCAT.keyword, _de(keyword)))
        graph.add((node, DCATDE.politicalGeocodingLevelURI, level))
        if spatial is not None:
            graph.add((node, DCTERMS.spatial, spatial))
        graph.add((node, DCATDE.contributorID, URIRef(home)))
        if contact is not None:
            graph.add((node, DCAT.contactPoint, contact))
        if changed is not None:
            graph.add((node, DCTERMS.modified, _timestamp(changed)))
            changes.append(changed)
        for dist in dataset.distributions:
            url = request.build_absolute_uri(file_url(municipality, dataset, dist))
            dnode = URIRef(f"{page}#{dataset.key}-{dist.extension}")
            graph.add((node, DCAT.distribution, dnode))
            graph.add((dnode, RDF.type, DCAT.Distribution))
            graph.add((dnode, DCTERMS.title, _de(dist.label)))
            graph.add((dnode, DCAT.accessURL, URIRef(url)))
            graph.add((dnode, DCAT.downloadURL, URIRef(url)))
            graph.add(
                (
                    dnode,
                    DCTERMS.format,
                    _concept(
                        graph, dist.file_type, "file_type", DCTERMS.MediaTypeOrExtent
                    ),
                )
            )
            media = URIRef(IANA + dist.media_type)
            graph.add((media, RDF.type, DCTERMS.MediaType))
            graph.add((dnode, DCAT.mediaType, media))
            graph.add((dnode, DCTERMS.license, licence))
            graph.add(
                (
                    dnode,
                    DCATDE.licenseAttributionByText,
                    _de(settings.attribution_text),
                )
            )
            if dist.conforms_to:
                standard = URIRef(dist.conforms_to)
                graph.add((standard, RDF.type, DCTERMS.Standard))
                graph.add((dnode, DCTERMS.conformsTo, standard))
            if changed is not None:
                graph.add((dnode, DCTERMS.modified, _timestamp(changed)))
    if changes:
        graph.add((catalog, DCTERMS.modified, _timestamp(max(changes))))
    return graph


def file_url(municipality: Any, dataset: od.Dataset, dist: od.Distribution) -> str:
    """The path of a distribution: its own view, or the opendata file view."""
    if dist.url_name:
        return reverse(dist.url_name, kwargs={"municipality_slug": municipality.slug})
    return reverse(
        "opendata:file",
        kwargs={
            "municipality_slug": municipality.slug,
            "dataset": dataset.key,
            "extension": dist.extension,
        },
    )

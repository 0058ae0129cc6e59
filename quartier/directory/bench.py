"""Benchmark data for the directory: `count` offerings (the bench uses 20,000) in one
municipality, with topics, target groups, neighbourhoods, places, languages and
weekly schedules, written with bulk_create (no history rows, no signals).

`quartier seed_bench` calls `seed_bench(musterstadt, size)`; `make bench` measures
BENCH_PAGES.
"""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.actors.models import Actor, ActorKind, Sector
from quartier.core.models import Municipality, Neighborhood
from quartier.directory.defaults import ensure_default_terms
from quartier.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

BATCH = 2000
OFFERINGS_PER_PLACE = 20
MAX_PROVIDERS = 500

BENCH_PAGES = [
    ("directory list", "/{slug}/directory/"),
    ("directory search", "/{slug}/directory/?q=Bewegung"),
    ("directory search free-text", "/{slug}/directory/?q=Sportgruppe"),
    ("an offering", "/{slug}/directory/offerings/{offering}/"),
    ("offerings I maintain (login)", "/{slug}/directory/manage/"),
]
# Deep pages (bench/query_counts.py): page DEEP_PAGE of these lists, reached with
# the keyset cursor behind the last row of the page before, as "next" reaches it.
DEEP_PAGES = {"directory list"}


def bench_path(path: str, slug: str) -> str:
    """`path` of BENCH_PAGES for the municipality `slug` (bench/query_counts.py),
    `{offering}` the first listed offering by name."""
    offering = uuid.UUID(int=0)
    if "{offering}" in path:
        offering = (
            Service.objects.filter(municipality__slug=slug)
            .listed()
            .order_by("name", "id")
            .values_list("pk", flat=True)
            .first()
        ) or offering
    return path.format(slug=slug, offering=offering)


def deep_path(label: str, path: str, municipality: Municipality, page: int) -> str:
    """Page `page` of the directory list by its "next" links: the keyset cursor
    behind row (page - 1) × 20 in list order; empty for other pages or short lists."""
    from quartier.core.pagination import encode_cursor
    from quartier.directory.search import NAME_ORDER
    from quartier.directory.views.offerings import PAGE_SIZE

    if label not in DEEP_PAGES:
        return ""
    position = (page - 1) * PAGE_SIZE - 1
    row = (
        Service.objects.of(municipality)
        .listed()
        .order_by("name", "id")
        .only("name", "id")[position : position + 1]
        .first()
    )
    if row is None:
        return ""
    return f"{path}?after={encode_cursor(row, NAME_ORDER)}"


KINDS = [
    ("Sportgruppe", "Bewegung für alle, die gern in Gesellschaft Sport treiben."),
    ("Bewegungstreff", "Gemeinsam gehen, dehnen und in Bewegung bleiben."),
    ("Elterncafé", "Austausch für Eltern mit kleinen Kindern, mit Kinderbetreuung."),
    ("Sprechstunde", "Beratung ohne Termin, vertraulich und kostenlos."),
    ("Selbsthilfegruppe", "Betroffene treffen sich und unterstützen einander."),
    ("Kochkurs", "Gesund und günstig kochen, mit Rezepten zum Mitnehmen."),
    ("Seniorentreff", "Kaffee, Gespräche und Ausflüge für Ältere."),
    ("Sprachcafé", "Deutsch üben im Gespräch, alle Niveaus willkommen."),
    ("Suchtberatung", "Beratung für Betroffene und Angehörige."),
    ("Pflegeberatung", "Hilfe bei Anträgen, Pflegegrad und Entlastung."),
]
PLACES = ["Lindenhof", "Am Markt", "Kirchberg", "Talaue", "Rosengarten", "Mühlbach"]
STREETS = ["Hauptstraße", "Schulstraße", "Gartenweg", "Lindenallee", "Bahnhofstraße"]
LANGUAGES = ["tr", "ar", "uk", "ru", "en", "ro"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]


def _providers(rng: random.Random, municipality: Municipality) -> list[int]:
    ids = list(
        Actor.objects.filter(municipality=municipality, archived_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:MAX_PROVIDERS]
    )
    if ids:
        return ids
    created = Actor.objects.bulk_create(
        Actor(
            municipality=municipality,
            kind=ActorKind.ORGANISATION,
            name=f"Träger {rng.choice(PLACES)} {i + 1}",
        )
        for i in range(50)
    )
    sector = Sector.objects.first()
    if sector is not None:
        Actor.sectors.through.objects.bulk_create(
            Actor.sectors.through(
                municipality_id=a.municipality_id, actor_id=a.pk, sector_id=sector.pk
            )
            for a in created
        )
    return [a.pk for a in created]


def seed_bench(municipality: Municipality, count: int) -> None:
    """Add `count` offerings (and count/20 places) to `municipality`."""
    if count <= 0:
        return
    rng = random.Random(f"directory-{municipality.pk}")  # noqa: S311 - test data
    ensure_default_terms(municipality)
    terms = TaxonomyTerm.objects.filter(municipality=municipality)
    topics = list(terms.filter(taxonomy=Taxonomy.TOPIC).values_list("pk", flat=True))
    groups = list(
        terms.filter(taxonomy=Taxonomy.TARGET_GROUP).values_list("pk", flat=True)
    )
    layers = list(
        terms.filter(taxonomy=Taxonomy.HEALTH_LAYER).values_list("pk", flat=True)
    )
    hoods = list(
        Neighborhood.objects.filter(municipality=municipality).values_list(
            "pk", flat=True
        )
    )
    providers = _providers(rng, municipality)
    today = timezone.localdate()

    places = [
        Location(
            id=uuid.uuid4(),
            municipality=municipality,
            name=f"Treffpunkt {rng.choice(PLACES)} {i + 1}",
            address_1=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postal_code="12345",
            city=municipality.name,
            latitude=Decimal("48.80") + Decimal(rng.randint(0, 9999)) / 100000,
            longitude=Decimal("9.10") + Decimal(rng.randint(0, 9999)) / 100000,
            neighborhood_id=rng.choice(hoods) if hoods else None,
            barrier_free=rng.random() < 0.5,
            is_meeting_place=rng.random() < 0.2,
        )
        for i in range(max(1, count // OFFERINGS_PER_PLACE))
    ]
    Location.objects.bulk_create(places, batch_size=BATCH)

    services: list[Service] = []
    for i in range(count):
        kind, text = rng.choice(KINDS)
        services.append(
            Service(
                id=uuid.uuid4(),
                municipality=municipality,
                provider_id=rng.choice(providers),
                name=f"{kind} {rng.choice(PLACES)} {i + 1}",
                description=text,
                status=ServiceStatus.ACTIVE
                if rng.random() < 0.9
                else rng.choice(list(ServiceStatus.values)),
                free_of_charge=rng.random() < 0.7,
                barrier_free=rng.random() < 0.4,
                last_confirmed_at=today - datetime.timedelta(days=rng.randint(0, 600)),
            )
        )
    Service.objects.bulk_create(services, batch_size=BATCH)

    term_links: list[Any] = []
    hood_links: list[Any] = []
    at_places: list[ServiceAtLocation] = []
    languages: list[ServiceLanguage] = []
    schedules: list[Schedule] = []
    TermLink = Service.terms.through
    HoodLink = Service.neighborhoods.through
    for service in services:
        chosen = rng.sample(topics, min(len(topics), rng.randint(1, 2)))
        chosen += rng.sample(groups, min(len(groups), rng.randint(1, 2)))
        if layers:
            chosen.append(rng.choice(layers))
        term_links.extend(
            TermLink(
                municipality_id=service.municipality_id,
                service_id=service.pk,
                taxonomyterm_id=t,
            )
            for t in chosen
        )
        hood_links.extend(
            HoodLink(
                municipality_id=service.municipality_id,
                service_id=service.pk,
                neighborhood_id=h,
            )
            for h in rng.sample(hoods, min(len(hoods), rng.randint(0, 2)))
        )
        at_places.append(
            ServiceAtLocation(service_id=service.pk, location_id=rng.choice(places).pk)
        )
        languages.append(ServiceLanguage(service_id=service.pk, code="de"))
        if rng.random() < 0.3:
            languages.append(
                ServiceLanguage(service_id=service.pk, code=rng.choice(LANGUAGES))
            )
        opens = rng.randint(8, 18)
        schedules.append(
            Schedule(
                service_id=service.pk,
                freq="WEEKLY",
                byday=rng.choice(DAYS),
                opens_at=datetime.time(opens, 0),
                closes_at=datetime.time(opens + 2, 0),
            )
        )
    TermLink.objects.bulk_create(term_links, batch_size=BATCH)
    HoodLink.objects.bulk_create(hood_links, batch_size=BATCH)
    ServiceAtLocation.objects.bulk_create(at_places, batch_size=BATCH)
    ServiceLanguage.objects.bulk_create(languages, batch_size=BATCH)
    Schedule.objects.bulk_create(schedules, batch_size=BATCH)

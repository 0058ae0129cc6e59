"""The directory's demo data: counts, meeting places, overlaps and gaps, idempotence."""

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from quartier.core.models import Municipality
from quartier.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)

pytestmark = pytest.mark.django_db

MODELS = [Location, Service, Schedule, ServiceAtLocation, ServiceLanguage]


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in MODELS}


def test_demo_directory_is_rich_spread_and_idempotent():
    seed()
    musterstadt = Municipality.objects.get(slug="musterstadt")
    services = Service.objects.of(musterstadt)
    assert services.count() >= 80
    places = Location.objects.of(musterstadt)
    assert places.count() == 30
    meeting = set(places.meeting_places().values_list("name", flat=True))
    assert len(meeting) == 10
    assert {
        "Marktplatz-Brunnen",
        "Spielplatz Lindenpark",
        "Seniorentreff im Bürgerhaus",
    } <= meeting
    languages = set(ServiceLanguage.objects.values_list("code", flat=True))
    assert {"de", "tr", "ar", "uk", "ru", "en"} <= languages
    assert services.outdated().exists()
    assert services.filter(status="temporarily closed").exists()

    # Overlap matrix: neighbourhood × topic × target group.
    cells = defaultdict(set)
    for service in services.prefetch_related("terms", "neighborhoods"):
        for hood in service.neighborhoods.all():
            for topic in service.topics:
                for group in service.target_groups:
                    cells[(hood.slug, topic.code, group.code)].add(service.provider_id)
    assert len(cells[("sonnenberg", "bewegung", "aeltere")]) >= 2
    assert sum(1 for providers in cells.values() if len(providers) >= 2) >= 5
    assert ("altstadt", "familie-kinder", "jugendliche") not in cells  # a gap

    ids = set(services.values_list("id", flat=True))
    before = counts()
    seed()
    assert counts() == before
    assert set(Service.objects.of(musterstadt).values_list("id", flat=True)) == ids

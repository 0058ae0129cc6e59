"""An offering's page needs the same queries for a few or more schedules, places,
contacts, languages and topics, and no query for its provider's municipality (the
provider's link once read it again, issue 19)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.directory.models import ServiceAtLocation, ServiceLanguage
from quartier.directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)

pytestmark = pytest.mark.django_db


CODES = ["tr", "ar", "uk", "ru", "en", "ro"]


def _grow(service, count):
    codes = [c for c in CODES if not service.languages.filter(code=c).exists()]
    for _ in range(count):
        place = LocationFactory(municipality=service.municipality)
        ServiceAtLocation.objects.create(service=service, location=place)
        ScheduleFactory(service=service)
        ContactFactory(service=service)
        ServiceLanguage.objects.create(service=service, code=codes.pop())


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_offerings_page_needs_the_same_queries_for_more_rows(
    client_for, municipality, coordinator, signed_in
):
    service = ServiceFactory(
        municipality=municipality, terms=[term(municipality, "bewegung")]
    )
    client = client_for(coordinator if signed_in else None)
    path = service.get_absolute_url()

    def queries():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return captured, response

    _grow(service, 1)
    small, _response = queries()
    _grow(service, 4)
    service.terms.add(term(municipality, "aeltere"))
    large, response = queries()
    assert len(small) == len(large)
    content = response.content.decode()
    assert f'href="{service.provider.get_absolute_url()}"' in content
    municipality_reads = [
        q for q in large.captured_queries if 'FROM "core_municipality"' in q["sql"]
    ]
    assert len(municipality_reads) <= 1  # the request's own, if any


def test_the_count_of_listed_offerings_reads_only_an_index(client, municipality):
    # The HSDS pages give the exact number of listed offerings (total_items); the
    # index directory_service_listed covers listed()'s conditions and the provider
    # key, so the count does not read the offerings' rows (10 -> 2.5 ms for 17,000).
    for _ in range(3):
        ServiceFactory(municipality=municipality)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{municipality.slug}/hsds/services")
    assert response.status_code == 200
    counts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT COUNT(*)") and "directory_service" in q["sql"]
    ]
    assert len(counts) == 1
    if connection.vendor != "sqlite":
        # PostgreSQL plans a handful of rows without statistics by cost alone; what
        # holds there is the index the same migration made, with listed()'s columns.
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(
                cursor, "directory_service"
            )
        listed = found["directory_service_listed"]
        assert listed["index"], listed
        assert listed["columns"] == [
            "municipality_id",
            "status",
            "archived_at",
            "provider_id",
        ], listed
        return
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + counts[0])
        plan = "\n".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX directory_service_listed" in plan, plan

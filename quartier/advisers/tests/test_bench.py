"""The adviser dashboard in `make bench` (advisers/bench.py): its deepest page is
reached by the cursor that the "next" links carry."""

from __future__ import annotations

import pytest

from quartier.accounts.tests.factories import UserFactory
from quartier.advisers import bench, dashboard
from quartier.advisers.tests.factories import (
    AdvisoryOrganisationFactory,
    SharingGrantFactory,
)
from quartier.core.tests.factories import MunicipalityFactory
from quartier.core.tests.query_plans import follow_next


@pytest.mark.django_db
def test_the_deep_path_is_the_dashboards_last_page(client_for):
    adviser = UserFactory(email=bench.ADVISER, is_adviser=True)
    organisation = AdvisoryOrganisationFactory(members=[adviser])
    label, path = bench.BENCH_PAGES[0]
    places = [
        MunicipalityFactory(slug=f"ort-{n:02}", name=f"Ort {n:02}") for n in range(3)
    ]
    for place in places:
        SharingGrantFactory(municipality=place, organisation=organisation)
    assert bench.deep_path(label, path, places[0], 500) == ""  # one page
    places += [
        MunicipalityFactory(slug=f"ort-{n:02}", name=f"Ort {n:02}")
        for n in range(3, dashboard.PAGE_SIZE * 2 + 1)
    ]
    for place in places[3:]:
        SharingGrantFactory(municipality=place, organisation=organisation)
    deep = bench.deep_path(label, path, places[0], 500)
    client = client_for(adviser)
    *_, last = follow_next(client, path)
    assert f"?{last.request['QUERY_STRING']}" == deep.removeprefix(path)
    assert [c.municipality for c in last.context["cards"]] == places[-1:]
    assert bench.deep_path("another page", path, places[0], 500) == ""

"""The adviser by sharing state: the advisers app's pages (ADVISER_CASES) and every
registered shared module's page (walked from core/sharing.py's registry, so a new
module is covered when it registers): 200 only while a grant for exactly that
module is active, and logged for the municipality; expired, revoked, not yet
started, another module's or no grant: refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.advisers.models import AdviserView
from quartier.advisers.tests.factories import (
    AdvisoryOrganisationFactory,
    PracticeExampleFactory,
    SharingGrantFactory,
)
from quartier.advisers.tests.truth_table_cases import ADVISER_CASES, ADVISER_STATES
from quartier.core.sharing import adviser_has_grant, shared_modules

DAY = datetime.timedelta(days=1)


def _grant(state, municipality, organisation, key):
    today = timezone.localdate()
    if state == "none":
        return None
    values = {"starts_on": today - 10 * DAY, "ends_on": today + 10 * DAY}
    if state == "expired":
        values = {"starts_on": today - 20 * DAY, "ends_on": today - DAY}
    elif state == "upcoming":
        values = {"starts_on": today + DAY, "ends_on": today + 20 * DAY}
    elif state == "revoked":
        values["revoked_at"] = timezone.now()
    other = next(m.key for m in shared_modules() if m.key != key)
    return SharingGrantFactory(
        municipality=municipality,
        organisation=organisation,
        module_key=other if state == "other_module" else key,
        **values,
    )


@pytest.fixture
def adviser_world(municipality, coordinator):
    adviser = UserFactory(email="fachberatung@test.example", is_adviser=True)
    organisation = AdvisoryOrganisationFactory(name="Fachstelle", members=[adviser])
    return {
        "municipality": municipality,
        "adviser": adviser,
        "organisation": organisation,
        "practice_example": PracticeExampleFactory(
            municipality=municipality, contact=coordinator
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("state", ADVISER_STATES)
@pytest.mark.parametrize(
    "case",
    ADVISER_CASES,
    ids=lambda c: f"{c.name}-{c.method}",
)
def test_adviser_by_sharing_state(client_for, adviser_world, case, state):
    w = adviser_world
    _grant(state, w["municipality"], w["organisation"], "initiatives")
    client = client_for(w["adviser"])
    url = reverse(case.name, kwargs=case.kwargs(w))
    response = getattr(client, case.method)(url, case.data)
    assert response.status_code == case.expect[state], (
        f"{case.method.upper()} {url} as adviser ({state}): {response.status_code}"
    )


def _module_url(module, municipality):
    if module.url is not None:
        return module.url(municipality)
    return reverse(
        "advisers:module",
        kwargs={"municipality_slug": municipality.slug, "key": module.key},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("state", ADVISER_STATES)
def test_every_shared_module_opens_only_with_its_own_active_grant(
    client_for, adviser_world, state
):
    w = adviser_world
    client = client_for(w["adviser"])
    for module in shared_modules():
        grant = _grant(state, w["municipality"], w["organisation"], module.key)
        url = _module_url(module, w["municipality"])
        status = client.get(url).status_code
        granted = adviser_has_grant(w["adviser"], w["municipality"], module.key)
        assert granted is (state == "granted")
        if state == "granted":
            assert status == 200, f"{module.key} {url}: {status}"
            # Every shared module's page tells the municipality what was opened.
            assert AdviserView.objects.filter(
                municipality=w["municipality"], module_key=module.key
            ).exists(), f"{module.key}: no record_adviser_view"
        else:
            assert status in (403, 404), f"{module.key} {url} ({state}): {status}"
        if grant is not None:
            grant.delete()


@pytest.mark.django_db
def test_an_adviser_of_another_organisation_reads_nothing(client_for, adviser_world):
    w = adviser_world
    SharingGrantFactory(municipality=w["municipality"], module_key="initiatives")
    client = client_for(w["adviser"])
    url = reverse(
        "advisers:module",
        kwargs={"municipality_slug": w["municipality"].slug, "key": "initiatives"},
    )
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_what_an_adviser_opens_is_logged_for_the_municipality(
    client_for, adviser_world, admin_user
):
    w = adviser_world
    _grant("granted", w["municipality"], w["organisation"], "initiatives")
    url = reverse(
        "advisers:module",
        kwargs={"municipality_slug": w["municipality"].slug, "key": "initiatives"},
    )
    client_for(w["adviser"]).get(url)
    view = AdviserView.objects.get(module_key="initiatives")
    assert view.user == w["adviser"]
    assert view.municipality == w["municipality"]
    # The coordination's preview is not an adviser's view.
    client_for(admin_user).get(url)
    assert AdviserView.objects.count() == 1
    log = client_for(admin_user).get(
        reverse("sharing:log", kwargs={"municipality_slug": w["municipality"].slug})
    )
    assert w["adviser"].display_name in log.content.decode()

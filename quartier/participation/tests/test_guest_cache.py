"""A contribution's page for guests carries no CSRF token and no per-person state,
so the guests' page cache (core/pagecache.py) serves it; guests give their address
for a support on the support page, whose form keeps its CSRF token. A write shows
up for the next guest at once."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.ANON_CACHE_SECONDS = 30


@pytest.fixture
def contribution(municipality, neighborhood):
    return ContributionFactory(municipality=municipality, neighborhood=neighborhood)


def _support_url(contribution):
    return reverse(
        "participation:support",
        kwargs={
            "municipality_slug": contribution.municipality.slug,
            "pk": contribution.pk,
        },
    )


def test_a_guests_second_visit_of_a_contribution_is_served_from_the_cache(
    contribution,
):
    first = Client().get(contribution.get_absolute_url())
    assert first.status_code == 200
    page = first.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert settings.CSRF_COOKIE_NAME not in first.cookies
    assert f'href="{_support_url(contribution)}"' in page  # the way to support
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(contribution.get_absolute_url())
    assert len(queries) == 0
    assert second.content == first.content


def test_the_support_page_keeps_its_csrf_token_and_is_not_cached(contribution):
    guest = Client(enforce_csrf_checks=True)
    form = guest.get(_support_url(contribution))
    assert "csrfmiddlewaretoken" in form.content.decode()
    with CaptureQueriesContext(connection) as queries:
        guest.get(_support_url(contribution))
    assert len(queries) > 0
    # Without the token the support is refused (CSRF is not weakened).
    refused = Client(enforce_csrf_checks=True).post(
        _support_url(contribution), {"email": "gast@test.example"}
    )
    assert refused.status_code == 403
    token = form.cookies[settings.CSRF_COOKIE_NAME].value
    sent = guest.post(
        _support_url(contribution),
        {"email": "gast@test.example", "csrfmiddlewaretoken": token},
    )
    assert sent.status_code == 302


def test_a_new_support_shows_up_for_the_next_guest(client_for, resident, contribution):
    Client().get(contribution.get_absolute_url())  # a guest fills the cache
    response = client_for(resident).post(_support_url(contribution))
    assert response.status_code == 302
    page = Client().get(contribution.get_absolute_url()).content.decode()
    assert "1 Person unterstützt das." in page or "1 person supports this." in page


def test_signed_in_people_still_support_with_one_click(
    client_for, resident, contribution
):
    page = client_for(resident).get(contribution.get_absolute_url()).content.decode()
    assert f'action="{_support_url(contribution)}"' in page
    assert "csrfmiddlewaretoken" in page

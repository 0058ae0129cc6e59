"""Public reads and feeds may be fetched cross-origin; personalised answers not.

The test walks every URL pattern that serves a feed (calendar .ics, CSV export):
each is either public (anonymous: 200 with `Access-Control-Allow-Origin: *`,
signed in: no CORS header) or named below as members-only with a reason, so a new
feed cannot be added without deciding.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from quartier.forums.tests.factories import MeetingFactory
from quartier.rooms.tests.factories import RoomFactory

pytestmark = pytest.mark.django_db

ACAO = "Access-Control-Allow-Origin"

# Feeds not walked here, with why. Members-only ones refuse a guest (so no CORS
# header); those public once published get the header by their content type like
# every feed, their publication rules are tested in their apps.
NOT_WALKED = {
    "funds:csv": "applications with personal data, for the fund's staff",
    "directory:matrix_csv": "the overlap matrix is for coordination",
    "learning:time_csv": "a person's own time entries",
    "hsds:import_template": "part of the HSDS module (its own headers)",
    "surveys:results_csv": "public once the survey's results are published",
    "compass:round_csv": "public once the round is published",
    "initiatives:matrix_csv": "the health matrix of all initiatives is for coordination",
    "legal:records_of_processing_csv": "the records of processing are for the admins",
}


def feed_patterns():
    """'namespace:name' → route of every pattern that serves a .ics or .csv file."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.endswith((".ics", ".csv", "/csv/")):
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    yield name, route

    return dict(walk(get_resolver().url_patterns))


@pytest.fixture
def feeds(municipality):
    """URL of every public feed, built from a small public world."""
    meeting = MeetingFactory(forum__municipality=municipality)
    room = RoomFactory(municipality=municipality, slug="saal")
    m = {"municipality_slug": municipality.slug}
    return {
        "forums:calendar": reverse("forums:calendar", kwargs=m),
        "forums:forum_calendar": reverse(
            "forums:forum_calendar", kwargs={**m, "slug": meeting.forum.slug}
        ),
        "forums:meeting_ics": reverse(
            "forums:meeting_ics", kwargs={**m, "pk": meeting.pk}
        ),
        "forums:decisions_csv": reverse("forums:decisions_csv", kwargs=m),
        "rooms:calendar": reverse("rooms:calendar", kwargs={**m, "room": room.slug}),
        # Deadlines of support offers: the municipality's and the state-wide ones.
        "support:deadlines": reverse("support:deadlines", kwargs=m),
        "shared_support:deadlines": reverse("shared_support:deadlines"),
    }


def test_every_feed_is_public_with_cors_or_named_as_members_only(
    client_for, feeds, coordinator
):
    patterns = feed_patterns()
    unclassified = set(patterns) - set(feeds) - set(NOT_WALKED)
    assert unclassified == set(), "decide: public feed (add a URL) or NOT_WALKED"
    for name, url in feeds.items():
        assert name in patterns, name
        anonymous = client_for(None).get(url)
        assert anonymous.status_code == 200, (name, url)
        assert anonymous[ACAO] == "*", name
        assert "Access-Control-Allow-Credentials" not in anonymous
        signed_in = client_for(coordinator).get(url)
        assert signed_in.status_code == 200, name
        assert ACAO not in signed_in, name


def test_api_reads_are_public_but_not_with_a_session_or_token(
    client_for, municipality, coordinator
):
    from quartier.accounts.services import token_create

    url = "/api/v1/municipalities/musterstadt"
    anonymous = client_for(None).get(url)
    assert anonymous[ACAO] == "*"
    assert "Authorization" in anonymous["Vary"]
    assert ACAO not in client_for(coordinator).get(url)
    _token, raw = token_create(user=coordinator, name="Skript")
    by_token = client_for(None).get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert by_token.status_code == 200
    assert ACAO not in by_token


def test_writes_and_pages_get_no_cors_header(client, municipality):
    write = client.post(
        "/api/v1/municipalities/musterstadt/contributions",
        data="{}",
        content_type="application/json",
    )
    assert ACAO not in write
    assert ACAO not in client.get("/musterstadt/")

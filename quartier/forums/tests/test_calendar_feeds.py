"""iCalendar feeds (RFC 5545): one .ics per meeting, a feed per forum and per
municipality; parsed back with icalendar."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.forums.models import Meeting
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def forum(municipality):
    return ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")


@pytest.fixture
def meeting(forum):
    return MeetingFactory(
        forum=forum,
        title="Bänke für die Altstadt",
        starts_at=datetime.datetime(2030, 7, 1, 18, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 7, 1, 20, 0, tzinfo=BERLIN),
        address="Bürgerhaus Sonnenberg, Saal",
        description="<p>Wir sprechen über <strong>Schatten</strong> &amp; Bänke.</p>",
    )


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def test_meeting_ics_has_a_stable_uid_berlin_times_and_the_meeting_url(
    client, municipality, meeting
):
    response = client.get(url("forums:meeting_ics", municipality, pk=meeting.pk))
    assert "attachment" in response["Content-Disposition"]
    calendar = parse(response)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{meeting.uid}@quartier"
    assert str(event["SUMMARY"]) == "Bänke für die Altstadt"
    assert str(event["LOCATION"]) == "Bürgerhaus Sonnenberg, Saal"
    assert "Schatten & Bänke" in str(event["DESCRIPTION"])
    assert "<p>" not in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/musterstadt/meetings/{meeting.pk}/"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2030, 7, 1, 18, 0, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND").hour == 20
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Berlin"


def test_uids_stay_stable_across_fetches_and_an_edit_and_the_sequence_grows(
    client, municipality, meeting
):
    an_hour_ago = meeting.created_at - datetime.timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        created_at=an_hour_ago, updated_at=an_hour_ago
    )
    meeting.refresh_from_db()
    feed = url("forums:calendar", municipality)
    first = events(parse(client.get(feed)))
    second = events(parse(client.get(feed)))
    assert set(first) == set(second) == {f"{meeting.uid}@quartier"}

    meeting.title = "Bänke und Schatten für die Altstadt"
    meeting.save()
    edited = events(parse(client.get(feed)))
    uid = f"{meeting.uid}@quartier"
    assert set(edited) == {uid}
    assert str(edited[uid]["SUMMARY"]) == "Bänke und Schatten für die Altstadt"
    assert int(edited[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(
    client, municipality, meeting
):
    meeting.status = "cancelled"
    meeting.save()
    feed = events(parse(client.get(url("forums:calendar", municipality))))
    assert str(feed[f"{meeting.uid}@quartier"]["STATUS"]) == "CANCELLED"


def test_an_online_meeting_has_its_link_as_location(client, municipality, forum):
    online = MeetingFactory(
        forum=forum, address="", online_url="https://meet.example/sonnenberg"
    )
    calendar = parse(client.get(url("forums:meeting_ics", municipality, pk=online.pk)))
    (event,) = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "https://meet.example/sonnenberg"


def test_municipality_feed_has_public_meetings_only(
    client_for, municipality, other_municipality, meeting, coordinator
):
    hidden = MeetingFactory(
        forum=ForumFactory(municipality=municipality, visibility="members")
    )
    elsewhere = MeetingFactory(forum=ForumFactory(municipality=other_municipality))
    for user in (None, coordinator):
        feed = events(parse(client_for(user).get(url("forums:calendar", municipality))))
        assert f"{meeting.uid}@quartier" in feed
        assert f"{hidden.uid}@quartier" not in feed
        assert f"{elsewhere.uid}@quartier" not in feed


def test_forum_feed_has_the_forums_meetings(client, municipality, forum, meeting):
    other = MeetingFactory(forum=ForumFactory(municipality=municipality))
    feed = events(
        parse(client.get(url("forums:forum_calendar", municipality, slug=forum.slug)))
    )
    assert set(feed) == {f"{meeting.uid}@quartier"}
    assert f"{other.uid}@quartier" not in feed


def test_members_only_forum_feed_is_for_members_only(
    client_for, municipality, resident, partner
):
    hidden_forum = ForumFactory(municipality=municipality, visibility="members")
    hidden = MeetingFactory(forum=hidden_forum)
    ForumMemberFactory(forum=hidden_forum, user=partner)
    feed_url = url("forums:forum_calendar", municipality, slug=hidden_forum.slug)
    assert client_for(None).get(feed_url).status_code == 404
    assert client_for(resident).get(feed_url).status_code == 404
    feed = events(parse(client_for(partner).get(feed_url)))
    assert set(feed) == {f"{hidden.uid}@quartier"}


def test_an_empty_feed_still_parses_and_names_the_time_zone(client, municipality):
    calendar = parse(client.get(url("forums:calendar", municipality)))
    assert calendar.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_feed_query_count_does_not_grow_with_the_meetings(client, municipality, forum):
    feed = url("forums:calendar", municipality)
    MeetingFactory.create_batch(2, forum=forum)
    with CaptureQueriesContext(connection) as small:
        parse(client.get(feed))
    MeetingFactory.create_batch(30, forum=ForumFactory(municipality=municipality))
    with CaptureQueriesContext(connection) as large:
        assert len(parse(client.get(feed)).walk("VEVENT")) == 32
    assert len(large) == len(small)

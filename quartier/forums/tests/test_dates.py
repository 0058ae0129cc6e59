"""Dates of meetings and decisions that make sense (issue 10) and stay inside the
bounds of core/dates.py (issue 11)."""

import datetime
import json
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from quartier.forums.forms_decisions import DecisionForm
from quartier.forums.models import Meeting
from quartier.forums.services.decisions import Assignment, decision_record
from quartier.forums.services.meetings import meeting_save
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(municipality):
    return ForumFactory(municipality=municipality)


BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _at(year, month=6, day=2, hour=18):
    return datetime.datetime(year, month, day, hour, tzinfo=BERLIN)


def _plan(by, forum, starts):
    return meeting_save(
        by=by,
        forum=forum,
        title="Forumssitzung",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def test_a_meeting_in_the_past_is_not_saved_as_planned(coordinator, forum):
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        _plan(coordinator, forum, _at(2020))
    assert "Zukunft" in exc.value.message_dict["starts_at"][0]
    assert not Meeting.objects.exists()


def test_a_meeting_far_ahead_is_refused(coordinator, forum):
    year = timezone.localdate().year + 6
    with pytest.raises(ValidationError) as exc:
        _plan(coordinator, forum, _at(year))
    assert "starts_at" in exc.value.message_dict


def test_a_past_meeting_can_still_be_corrected(coordinator, forum):
    meeting = MeetingFactory(
        forum=forum,
        starts_at=_at(2025),
        ends_at=_at(2025) + datetime.timedelta(hours=2),
    )
    meeting_save(by=coordinator, meeting=meeting, title="Sitzung (nachgetragen)")
    meeting.refresh_from_db()
    assert meeting.title == "Sitzung (nachgetragen)"
    with pytest.raises(ValidationError):
        meeting_save(by=coordinator, meeting=meeting, starts_at=_at(2024))


def test_the_meeting_form_shows_the_message_next_to_the_start(
    client, coordinator, forum
):
    client.force_login(coordinator)
    url = reverse(
        "forums:meeting_new",
        kwargs={"municipality_slug": forum.municipality.slug, "slug": forum.slug},
    )
    with translation.override("de"):
        response = client.post(
            url,
            {
                "title": "Sitzung",
                "starts_at": "2020-03-03T18:00",
                "ends_at": "2020-03-03T20:00",
                "registration_open": "on",
            },
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        ("0001-01-01T00:00:00+14:00", "0001-01-01T02:00:00+14:00"),
        ("9999-12-31T20:59:59-12:00", "9999-12-31T22:59:59-12:00"),
    ],
)
def test_extreme_meeting_times_in_the_api_are_a_422(
    client, admin_user, forum, starts, ends
):
    from quartier.accounts.models import ApiToken, hash_token

    ApiToken.objects.create(
        user=admin_user, name="t", token_hash=hash_token("qt_forum"), hint="qt_f"
    )
    response = client.post(
        f"/api/v1/municipalities/{forum.municipality.slug}/meetings",
        json.dumps(
            {"forum": forum.slug, "title": "T", "starts_at": starts, "ends_at": ends}
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer qt_forum",
    )
    assert response.status_code == 422
    assert not Meeting.objects.exists()


@pytest.fixture
def item(forum):
    meeting = MeetingFactory(
        forum=forum,
        starts_at=_at(2026, 3, 12),
        ends_at=_at(2026, 3, 12, 20),
    )
    return AgendaItemFactory(meeting=meeting, kind="decision")


def test_a_decision_cannot_be_dated_in_the_future(coordinator, item):
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        decision_record(
            by=coordinator,
            agenda_item=item,
            text="Beschluss",
            kind="resolution",
            decided_on=timezone.localdate() + datetime.timedelta(days=3),
            responsibilities=[Assignment("R", user=coordinator)],
        )
    assert "Zukunft" in exc.value.message_dict["decided_on"][0]


def test_a_decision_is_not_due_before_it_was_made(coordinator, item):
    with pytest.raises(ValidationError) as exc:
        decision_record(
            by=coordinator,
            agenda_item=item,
            text="Beschluss",
            kind="resolution",
            decided_on=datetime.date(2026, 3, 12),
            due_date=datetime.date(2026, 3, 1),
            responsibilities=[Assignment("R", user=coordinator)],
        )
    assert "due_date" in exc.value.message_dict


def test_a_decision_for_a_meeting_still_ahead_is_dated_today(coordinator, forum):
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum), kind="decision")
    decision = decision_record(
        by=coordinator,
        agenda_item=item,
        text="Beschluss",
        kind="resolution",
        responsibilities=[Assignment("R", user=coordinator)],
    )
    assert decision.decided_on == timezone.localdate()


def test_the_decision_form_says_so_next_to_the_fields():
    with translation.override("de"):
        form = DecisionForm(
            data={
                "text": "Beschluss",
                "kind": "resolution",
                "decided_on": "2026-03-12",
                "due_date": "2026-03-01",
            }
        )
        assert not form.is_valid()
        assert "vor dem Tag" in form.errors["due_date"][0]
        future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
        form = DecisionForm(
            data={"text": "Beschluss", "kind": "resolution", "decided_on": future}
        )
        assert not form.is_valid()
        assert "Zukunft" in form.errors["decided_on"][0]

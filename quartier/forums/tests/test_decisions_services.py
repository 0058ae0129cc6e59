"""Recording decisions, their running numbers, RACI and the status log."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.forums.models import Decision, DecisionStatusChange
from quartier.forums.services.decisions import (
    Assignment,
    decision_change_status,
    decision_label,
    decision_record,
    decision_update,
)
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingFactory,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def item(municipality):
    forum = ForumFactory(municipality=municipality, name="Gesundheitskonferenz")
    meeting = MeetingFactory(
        forum=forum,
        starts_at=datetime.datetime(2026, 3, 12, 18, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 3, 12, 20, 0, tzinfo=BERLIN),
    )
    return AgendaItemFactory(meeting=meeting, kind="decision")


def record(by, item, *assignments, **fields):
    data = {"text": "Wir richten einen Bewegungstreff ein.", "kind": "resolution"}
    data.update(fields)
    return decision_record(
        by=by, agenda_item=item, responsibilities=list(assignments), **data
    )


def test_it_numbers_decisions_per_municipality(
    item, coordinator, other_admin, other_municipality
):
    first = record(coordinator, item, Assignment("R", user=coordinator))
    second = record(coordinator, item, Assignment("R", user=coordinator))
    other_item = AgendaItemFactory(
        meeting=MeetingFactory(forum=ForumFactory(municipality=other_municipality))
    )
    elsewhere = record(other_admin, other_item, Assignment("R", user=other_admin))
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert decision_label(second) == "2026-2"


def test_decided_on_defaults_to_the_meeting_date(item, coordinator):
    decision = record(coordinator, item, Assignment("R", user=coordinator))
    assert decision.decided_on == datetime.date(2026, 3, 12)
    assert decision.forum == item.meeting.forum


def test_it_records_open_as_the_first_status_change(item, coordinator):
    decision = record(coordinator, item, Assignment("R", user=coordinator))
    change = DecisionStatusChange.objects.get(decision=decision)
    assert (change.old_status, change.new_status) == ("", "open")
    assert change.changed_by == coordinator
    assert change.comment


def test_it_refuses_responsibilities_without_an_r(item, coordinator, partner):
    with pytest.raises(ValidationError) as exc:
        record(coordinator, item, Assignment("A", user=coordinator))
    assert "responsibilities" in exc.value.error_dict
    assert not Decision.objects.exists()


def test_it_refuses_a_person_of_another_municipality(item, coordinator, other_admin):
    with pytest.raises(ValidationError):
        record(
            coordinator,
            item,
            Assignment("R", user=coordinator),
            Assignment("I", user=other_admin),
        )
    assert not Decision.objects.exists()


def test_it_refuses_an_actor_of_another_municipality(
    item, coordinator, other_municipality
):
    stranger = ActorFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        record(coordinator, item, Assignment("R", actor=stranger))
    assert not Decision.objects.exists()


def test_residents_may_not_record_decisions(item, resident):
    with pytest.raises(PermissionDenied):
        record(resident, item, Assignment("R", user=resident))


def test_a_status_change_needs_a_comment(item, coordinator):
    decision = record(coordinator, item, Assignment("R", user=coordinator))
    with pytest.raises(ValidationError) as exc:
        decision_change_status(
            by=coordinator, decision=decision, new_status="done", comment="  "
        )
    assert "comment" in exc.value.error_dict
    decision.refresh_from_db()
    assert decision.status == "open"
    assert decision.status_changes.count() == 1


def test_a_status_change_is_dated_attributed_and_commented(
    item, coordinator, admin_user
):
    decision = record(coordinator, item, Assignment("R", user=coordinator))
    before = timezone.now()
    decision_change_status(
        by=admin_user,
        decision=decision,
        new_status="in_progress",
        comment="Der Sportverein hat begonnen.",
    )
    decision.refresh_from_db()
    assert decision.status == "in_progress"
    change = decision.status_changes.last()
    assert (change.old_status, change.new_status) == ("open", "in_progress")
    assert change.changed_by == admin_user
    assert change.comment == "Der Sportverein hat begonnen."
    assert change.changed_at >= before


def test_update_replaces_responsibilities(item, coordinator, municipality):
    actor = ActorFactory(municipality=municipality, name="Familienzentrum")
    decision = record(coordinator, item, Assignment("R", user=coordinator))
    decision_update(
        by=coordinator,
        decision=decision,
        text=decision.text,
        kind="agreement",
        due_date=datetime.date(2026, 6, 1),
        decided_on=decision.decided_on,
        responsibilities=[
            Assignment("R", actor=actor),
            Assignment("C", user=coordinator),
        ],
    )
    decision.refresh_from_db()
    roles = sorted(
        (r.role, r.actor_id, r.user_id) for r in decision.responsibilities.all()
    )
    assert roles == [("C", None, coordinator.pk), ("R", actor.pk, None)]
    assert decision.kind == "agreement"
    latest = decision.history.first()
    assert "Familienzentrum" in latest.history_change_reason

"""Due decisions go onto the next meeting of their forum, once, and the responsible
people are told."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.forums.models import AgendaItem
from quartier.forums.services.decisions import (
    decisions_schedule_follow_ups,
    schedule_decision_follow_ups_task,
)
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
    ResponsibilityFactory,
)


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def setting(municipality):
    forum = ForumFactory(municipality=municipality, name="Gesundheitskonferenz")
    past = MeetingFactory(forum=forum, starts_at=in_days(-20), ends_at=in_days(-20))
    past.ends_at = past.starts_at + datetime.timedelta(hours=2)
    past.save()
    MeetingFactory(
        forum=forum,
        status="cancelled",
        starts_at=in_days(3),
        ends_at=in_days(3) + datetime.timedelta(hours=2),
    )
    following = MeetingFactory(
        forum=forum,
        starts_at=in_days(10),
        ends_at=in_days(10) + datetime.timedelta(hours=2),
    )
    later = MeetingFactory(
        forum=forum,
        starts_at=in_days(40),
        ends_at=in_days(40) + datetime.timedelta(hours=2),
    )
    decision = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=past),
        number=14,
        text="Bewegungstreff im Park",
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    person = UserFactory(email="verantwortlich@test.example")
    MembershipFactory(user=person, municipality=municipality, role="resident")
    ResponsibilityFactory(decision=decision, user=person)
    actor = ActorFactory(municipality=municipality, name="Sportverein")
    partner = UserFactory(email="sportverein@test.example")
    MembershipFactory(user=partner, municipality=municipality, role="partner")
    ActorMember.objects.create(actor=actor, user=partner)
    ResponsibilityFactory(decision=decision, user=None, actor=actor, role="A")
    informed = UserFactory(email="nur-informiert@test.example")
    MembershipFactory(user=informed, municipality=municipality, role="resident")
    ResponsibilityFactory(decision=decision, user=informed, role="I")
    return {"decision": decision, "next": following, "later": later}


def test_a_due_decision_goes_onto_the_next_meeting_once(setting):
    mail.outbox.clear()
    created = decisions_schedule_follow_ups()
    assert len(created) == 1
    item = AgendaItem.objects.get(follow_up_of=setting["decision"])
    assert item.meeting == setting["next"]
    assert item.kind == "information"
    assert item.status == "accepted"
    assert f"{setting['decision'].decided_on:%Y}-14" in item.title
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["sportverein@test.example", "verantwortlich@test.example"]

    assert decisions_schedule_follow_ups() == []
    assert AgendaItem.objects.filter(follow_up_of=setting["decision"]).count() == 1
    assert len(mail.outbox) == 2


def test_the_follow_up_goes_after_the_existing_items(setting):
    AgendaItemFactory(meeting=setting["next"], position=7)
    decisions_schedule_follow_ups()
    item = AgendaItem.objects.get(follow_up_of=setting["decision"])
    assert item.position == 8


@pytest.mark.parametrize(
    "change", [{"status": "done"}, {"status": "rejected"}, {"due_date": None}, "future"]
)
def test_decisions_not_due_are_left_alone(setting, change):
    decision = setting["decision"]
    if change == "future":
        change = {"due_date": timezone.localdate() + datetime.timedelta(days=5)}
    for key, value in change.items():
        setattr(decision, key, value)
    decision.save()
    assert decisions_schedule_follow_ups() == []
    assert not AgendaItem.objects.filter(follow_up_of=decision).exists()


def test_the_management_command_and_the_task_schedule_once(setting):
    call_command("schedule_decision_follow_ups")
    call_command("schedule_decision_follow_ups")
    schedule_decision_follow_ups_task.enqueue()
    assert AgendaItem.objects.filter(follow_up_of=setting["decision"]).count() == 1


def test_a_later_run_uses_the_meeting_after_the_first(setting):
    decisions_schedule_follow_ups()
    setting["next"].status = "held"
    setting["next"].save()
    decisions_schedule_follow_ups()
    meetings = set(
        AgendaItem.objects.filter(follow_up_of=setting["decision"]).values_list(
            "meeting_id", flat=True
        )
    )
    assert meetings == {setting["next"].pk, setting["later"].pk}

"""Registration for meetings: capacity, waiting list and move-up, needs, closed
meetings, and the confirmation and reminder e-mails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.forums.models import Registration
from quartier.forums.services.registrations import (
    registration_cancel,
    registration_create,
    reminders_send,
    send_meeting_reminders,
    waitlist_fill,
)
from quartier.forums.tests.factories import (
    ForumFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below are the English source strings."""
    from django.utils import translation

    with translation.override("en"):
        yield


def residents(municipality, n):
    people = UserFactory.create_batch(n)
    for person in people:
        MembershipFactory(user=person, municipality=municipality, role="resident")
    return people


@pytest.fixture
def meeting(municipality):
    return MeetingFactory(forum=ForumFactory(municipality=municipality), capacity=2)


def test_registration_is_confirmed_while_places_are_free_and_mails_a_confirmation(
    meeting, resident
):
    registration = registration_create(
        by=resident, meeting=meeting, needs=["childcare", "step_free"], note="Mit Kind"
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.needs == ["childcare", "step_free"]
    assert registration.note == "Mit Kind"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]
    assert meeting.title in mail.outbox[0].subject
    assert f"/musterstadt/meetings/{meeting.pk}/" in mail.outbox[0].body
    assert (
        "Kinderbetreuung" in mail.outbox[0].body or "Childcare" in mail.outbox[0].body
    )


def test_a_full_meeting_puts_people_on_the_waiting_list(meeting, municipality):
    first, second, third = residents(municipality, 3)
    registration_create(by=first, meeting=meeting)
    registration_create(by=second, meeting=meeting)
    third_registration = registration_create(by=third, meeting=meeting)
    assert third_registration.status == "waitlisted"
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 2
    assert mail.outbox[-1].to == [third.email]
    assert (
        "Warteliste" in mail.outbox[-1].subject or "waiting" in mail.outbox[-1].subject
    )


def test_cancelling_moves_the_first_person_on_the_waiting_list_up_and_tells_them(
    meeting, municipality
):
    first, second, third, fourth = residents(municipality, 4)
    cancelling = registration_create(by=first, meeting=meeting)
    registration_create(by=second, meeting=meeting)
    waiting_first = registration_create(by=third, meeting=meeting)
    waiting_second = registration_create(by=fourth, meeting=meeting)
    mail.outbox.clear()

    promoted = registration_cancel(by=first, registration=cancelling)

    assert [r.pk for r in promoted] == [waiting_first.pk]
    cancelling.refresh_from_db()
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert cancelling.status == "cancelled"
    assert waiting_first.status == "confirmed"
    assert waiting_second.status == "waitlisted"
    assert [m.to for m in mail.outbox] == [[third.email]]
    assert meeting.title in mail.outbox[0].subject


def test_cancelling_a_waitlisted_registration_moves_nobody_up(meeting, municipality):
    people = residents(municipality, 3)
    for person in people:
        registration_create(by=person, meeting=meeting)
    waiting = Registration.objects.get(user=people[2])
    assert registration_cancel(by=people[2], registration=waiting) == []
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 2


def test_registering_twice_is_refused(meeting, resident):
    registration_create(by=resident, meeting=meeting)
    with pytest.raises(ValidationError, match="already registered"):
        registration_create(by=resident, meeting=meeting)
    assert Registration.objects.filter(meeting=meeting, user=resident).count() == 1


def test_after_cancelling_one_may_register_again_at_the_end_of_the_queue(
    meeting, municipality
):
    first, second, third = residents(municipality, 3)
    mine = registration_create(by=first, meeting=meeting)
    registration_create(by=second, meeting=meeting)
    registration_cancel(by=first, registration=mine)
    registration_create(by=third, meeting=meeting)
    again = registration_create(by=first, meeting=meeting)
    assert again.pk == mine.pk
    assert again.status == "waitlisted"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": "cancelled"}, "cancelled"),
        ({"registration_open": False}, "closed"),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(days=2),
                "ends_at": timezone.now() - datetime.timedelta(days=2, hours=-2),
            },
            "already taken place",
        ),
    ],
)
def test_no_registration_for_cancelled_closed_or_past_meetings(
    municipality, resident, change, message
):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality), **change)
    with pytest.raises(ValidationError, match=message):
        registration_create(by=resident, meeting=meeting)
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_spoken_language_interpretation_needs_a_language(meeting, resident):
    with pytest.raises(ValidationError) as info:
        registration_create(by=resident, meeting=meeting, needs=["spoken_language"])
    assert "language" in info.value.message_dict
    registration = registration_create(
        by=resident, meeting=meeting, needs=["spoken_language"], language="Arabisch"
    )
    assert registration.language == "Arabisch"


def test_unknown_needs_are_refused(meeting, resident):
    with pytest.raises(ValidationError):
        registration_create(by=resident, meeting=meeting, needs=["a_pony"])


def test_people_of_another_municipality_cannot_register(meeting, other_admin):
    with pytest.raises(PermissionDenied):
        registration_create(by=other_admin, meeting=meeting)


def test_members_only_forum_meetings_take_registrations_of_its_members_only(
    municipality, resident
):
    meeting = MeetingFactory(
        forum=ForumFactory(municipality=municipality, visibility="members")
    )
    with pytest.raises(PermissionDenied):
        registration_create(by=resident, meeting=meeting)


def test_others_cannot_cancel_a_registration_but_the_moderation_can(
    meeting, municipality, coordinator, partner
):
    (person,) = residents(municipality, 1)
    registration = registration_create(by=person, meeting=meeting)
    with pytest.raises(PermissionDenied):
        registration_cancel(by=partner, registration=registration)
    registration_cancel(by=coordinator, registration=registration)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_raising_the_capacity_and_filling_moves_people_up(
    meeting, municipality, coordinator
):
    people = residents(municipality, 4)
    for person in people:
        registration_create(by=person, meeting=meeting)
    meeting.capacity = 3
    meeting.save()
    promoted = waitlist_fill(by=coordinator, meeting=meeting)
    assert [r.user for r in promoted] == [people[2]]
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 3


def _reminder_world(municipality):
    now = timezone.now()
    forum = ForumFactory(municipality=municipality)
    soon = MeetingFactory(
        forum=forum,
        starts_at=now + datetime.timedelta(hours=30),
        ends_at=now + datetime.timedelta(hours=32),
    )
    too_early = MeetingFactory(
        forum=forum,
        starts_at=now + datetime.timedelta(hours=10),
        ends_at=now + datetime.timedelta(hours=12),
    )
    too_late = MeetingFactory(
        forum=forum,
        starts_at=now + datetime.timedelta(days=4),
        ends_at=now + datetime.timedelta(days=4, hours=2),
    )
    cancelled = MeetingFactory(
        forum=forum,
        status="cancelled",
        starts_at=now + datetime.timedelta(hours=30),
        ends_at=now + datetime.timedelta(hours=32),
    )
    confirmed, waiting, gone = UserFactory.create_batch(3)
    RegistrationFactory(meeting=soon, user=confirmed, status="confirmed")
    RegistrationFactory(meeting=soon, user=waiting, status="waitlisted")
    RegistrationFactory(meeting=soon, user=gone, status="cancelled")
    for other in (too_early, too_late, cancelled):
        RegistrationFactory(meeting=other, status="confirmed")
    return soon, confirmed


def test_reminders_go_to_confirmed_people_of_meetings_in_24_to_48_hours_once(
    municipality,
):
    soon, confirmed = _reminder_world(municipality)
    assert reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert soon.title in mail.outbox[0].subject
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None
    assert reminders_send() == 0
    assert len(mail.outbox) == 1


def test_the_reminder_command_and_task_send_the_same_reminders(municipality):
    soon, confirmed = _reminder_world(municipality)
    call_command("send_meeting_reminders")
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    soon.reminder_sent_at = None
    soon.save()
    result = send_meeting_reminders.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_raising_the_capacity_moves_the_waiting_list_up(coordinator, municipality):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory
    from quartier.forums.models import Registration
    from quartier.forums.services.meetings import meeting_save
    from quartier.forums.services.registrations import registration_create
    from quartier.forums.tests.factories import ForumFactory, MeetingFactory

    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality), capacity=1)
    people = UserFactory.create_batch(3)
    for person in people:
        MembershipFactory(user=person, municipality=municipality, role="resident")
        registration_create(by=person, meeting=meeting, needs=[], language="", note="")
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 1

    meeting_save(by=coordinator, meeting=meeting, capacity=3)

    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 3

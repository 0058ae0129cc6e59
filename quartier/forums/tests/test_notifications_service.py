"""Forum notifications: immediately, weekly digest or never, per person and forum."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.forums.models import NotificationPreference, PendingNotification
from quartier.forums.services.notifications import (
    Event,
    forum_people,
    frequency_for,
    notification_preference_set,
    notify,
    send_digests,
)
from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(municipality):
    return ForumFactory(
        municipality=municipality, name="Quartiersforum Sonnenberg", slug="sonnenberg"
    )


def tell(forum, users, event=Event.MEETING_CREATED, text="Neue Sitzung am 3. März"):
    return notify(
        forum=forum, event=event, text=text, url="/musterstadt/meetings/7/", users=users
    )


def test_a_forum_member_hears_immediately_by_default(forum, resident, settings):
    settings.SITE_URL = "https://quartier.example"
    ForumMemberFactory(forum=forum, user=resident)
    result = tell(forum, [resident])
    assert result == {"immediately": 1, "weekly": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert "Quartiersforum Sonnenberg" in message.subject
    assert "Neue Sitzung am 3. März" in message.body
    assert "https://quartier.example/musterstadt/meetings/7/" in message.body
    assert (
        "https://quartier.example/musterstadt/forums/sonnenberg/notifications/"
        in message.body
    )


def test_a_partner_hears_through_the_actor_in_the_forum(forum, partner):
    actor = ActorFactory(municipality=forum.municipality)
    ActorMember.objects.create(actor=actor, user=partner)
    ForumMemberFactory(forum=forum, user=None, actor=actor)
    assert frequency_for(partner, forum) == "immediately"
    assert forum_people(forum) == [partner]
    tell(forum, forum_people(forum))
    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_someone_outside_the_forum_hears_nothing_by_default(forum, resident):
    assert frequency_for(resident, forum) == "never"
    assert tell(forum, [resident]) == {"immediately": 0, "weekly": 0}
    assert mail.outbox == []
    assert not PendingNotification.objects.exists()


def test_a_responsibility_reaches_the_person_even_outside_the_forum(forum, resident):
    tell(forum, [resident], event=Event.RESPONSIBILITY_ASSIGNED, text="Sie sind R")
    assert len(mail.outbox) == 1
    assert "Sie sind R" in mail.outbox[0].body


def test_never_means_nothing_even_for_a_responsibility(forum, resident):
    ForumMemberFactory(forum=forum, user=resident)
    notification_preference_set(by=resident, forum=forum, frequency="never")
    tell(forum, [resident], event=Event.RESPONSIBILITY_ASSIGNED)
    tell(forum, [resident])
    assert mail.outbox == []
    assert not PendingNotification.objects.exists()


def test_weekly_stores_the_event_for_the_digest_instead_of_mailing(forum, resident):
    ForumMemberFactory(forum=forum, user=resident)
    notification_preference_set(by=resident, forum=forum, frequency="weekly")
    assert tell(forum, [resident, resident]) == {"immediately": 0, "weekly": 1}
    assert mail.outbox == []
    pending = PendingNotification.objects.get()
    assert (pending.user, pending.forum, pending.event) == (
        resident,
        forum,
        "meeting_created",
    )
    assert pending.url.endswith("/musterstadt/meetings/7/")


def test_the_digest_groups_by_forum_is_sent_once_and_deletes_what_it_sent(
    forum, resident, coordinator, municipality
):
    other = ForumFactory(municipality=municipality, name="Gesundheitskonferenz")
    for f in (forum, other):
        ForumMemberFactory(forum=f, user=resident)
        notification_preference_set(by=resident, forum=f, frequency="weekly")
    tell(forum, [resident], text="Sitzung im Bürgerhaus")
    tell(forum, [resident], event=Event.MINUTES_PUBLISHED, text="Protokoll ist da")
    tell(other, [resident], event=Event.AGENDA_PUBLISHED, text="Tagesordnung steht")
    tell(forum, [coordinator])  # coordinator not in the forum: nothing pending

    assert send_digests() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [resident.email]
    assert body.index("== Gesundheitskonferenz ==") < body.index(
        "== Quartiersforum Sonnenberg =="
    )
    assert body.index("Sitzung im Bürgerhaus") < body.index("Protokoll ist da")
    assert "Tagesordnung steht" in body
    assert not PendingNotification.objects.exists()

    assert send_digests() == 0
    assert len(mail.outbox) == 1


def test_the_command_sends_digests_and_says_how_many(forum, resident):
    ForumMemberFactory(forum=forum, user=resident)
    notification_preference_set(by=resident, forum=forum, frequency="weekly")
    tell(forum, [resident])
    out = StringIO()
    call_command("send_forum_digests", stdout=out)
    assert "1 digest" in out.getvalue()
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("send_forum_digests", stdout=out)
    assert "0 digest" in out.getvalue()
    assert len(mail.outbox) == 1


def test_leaving_the_weekly_digest_drops_what_was_waiting(forum, resident):
    ForumMemberFactory(forum=forum, user=resident)
    notification_preference_set(by=resident, forum=forum, frequency="weekly")
    tell(forum, [resident])
    notification_preference_set(by=resident, forum=forum, frequency="immediately")
    assert not PendingNotification.objects.exists()
    assert NotificationPreference.objects.get().frequency == "immediately"


def test_inactive_people_and_those_who_may_not_see_the_forum_are_left_out(
    municipality, resident, coordinator
):
    hidden = ForumFactory(municipality=municipality, visibility="members")
    resident.is_active = False
    resident.save()
    tell(hidden, [resident, coordinator], event=Event.DECISION_DUE)
    # The coordinator may see every forum of the municipality.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    outsider = ForumMemberFactory(forum=ForumFactory(municipality=municipality)).user
    tell(hidden, [outsider], event=Event.RESPONSIBILITY_ASSIGNED)
    assert len(mail.outbox) == 1


def test_a_preference_needs_membership_of_the_municipality(forum, other_admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        notification_preference_set(by=other_admin, forum=forum, frequency="weekly")
    assert not NotificationPreference.objects.exists()


def test_an_unknown_event_is_a_programming_error(forum, resident):
    with pytest.raises(ValueError, match="Unknown forum event"):
        tell(forum, [resident], event="party")


def test_the_digest_task_sends_like_the_command(forum, resident):
    from quartier.forums.services.notifications import send_digests_task

    ForumMemberFactory(forum=forum, user=resident)
    notification_preference_set(by=resident, forum=forum, frequency="weekly")
    tell(forum, [resident])
    result = send_digests_task.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1

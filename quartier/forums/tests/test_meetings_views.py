import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.forums.models import AgendaItem, Attendance, Meeting
from quartier.forums.services.meetings import PEER_CONSULTATION_PHASES
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def meeting_data(**changes):
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "title": "Quartiersforum im Mai",
        "starts_at": start.strftime("%Y-%m-%dT18:00"),
        "ends_at": start.strftime("%Y-%m-%dT20:00"),
        "address": "Bürgerhaus Sonnenberg",
        "online_url": "",
        "description": "",
        "capacity": "",
        "registration_open": "on",
    }
    data.update(changes)
    return data


def test_coordinator_plans_a_meeting_shown_in_german_format(
    client_for, coordinator, municipality
):
    forum = ForumFactory(municipality=municipality)
    data = meeting_data()
    response = client_for(coordinator).post(
        url("forums:meeting_new", municipality, slug=forum.slug), data
    )
    meeting = Meeting.objects.get(forum=forum)
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at).hour == 18
    assert not meeting.agenda_items.exists()
    body = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y") in body
    assert "18:00" in body and "20:00" in body
    assert "Bürgerhaus Sonnenberg" in body


def test_a_meeting_ending_before_it_starts_is_a_form_error(
    client_for, coordinator, municipality
):
    forum = ForumFactory(municipality=municipality)
    data = meeting_data()
    data["ends_at"] = data["starts_at"].replace("T18:00", "T17:00")
    response = client_for(coordinator).post(
        url("forums:meeting_new", municipality, slug=forum.slug), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    assert not Meeting.objects.exists()


def test_forum_moderation_may_plan_meetings(client_for, municipality, resident):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident, role="moderation")
    response = client_for(resident).post(
        url("forums:meeting_new", municipality, slug=forum.slug), meeting_data()
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(forum=forum).count() == 1


def test_peer_consultation_meeting_gets_the_standard_phases(
    client_for, coordinator, municipality
):
    forum = ForumFactory(
        municipality=municipality, kind="peer_consultation", visibility="members"
    )
    client_for(coordinator).post(
        url("forums:meeting_new", municipality, slug=forum.slug), meeting_data()
    )
    meeting = Meeting.objects.get(forum=forum)
    phases = list(
        meeting.agenda_items.order_by("position").values_list(
            "title", "planned_minutes", "status"
        )
    )
    assert phases == [(t, m, "accepted") for t, m in PEER_CONSULTATION_PHASES]
    assert phases[0] == ("Rollenklärung", 5, "accepted")
    assert sum(m for _, m, _ in phases) == 60


def test_member_proposes_and_moderation_must_give_a_reason_to_decline(
    client_for, municipality, resident, partner
):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident, role="member")
    ForumMemberFactory(forum=forum, user=partner, role="moderation")
    meeting = MeetingFactory(forum=forum)
    response = client_for(resident).post(
        url("forums:agenda_propose", municipality, pk=meeting.pk),
        {"title": "Mehr Bänke im Park", "description": "", "kind": "discussion"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Mehr Bänke im Park")
    assert (item.status, item.proposer) == ("proposed", resident)

    review = url("forums:agenda_review", municipality, pk=meeting.pk, item_pk=item.pk)
    moderation = client_for(partner)
    response = moderation.post(review, {"decision": "decline", "decline_reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["decline_reason"]
    item.refresh_from_db()
    assert item.status == "proposed"

    response = moderation.post(
        review,
        {"decision": "decline", "decline_reason": "Gehört in die AG Grünflächen."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "declined"
    assert item.decline_reason == "Gehört in die AG Grünflächen."

    body = client_for(resident).get(meeting.get_absolute_url()).content.decode()
    assert "Mehr Bänke im Park" in body
    assert "Gehört in die AG Grünflächen." in body
    other = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert "Mehr Bänke im Park" not in other


def test_accepted_proposal_goes_to_the_end_of_the_published_agenda(
    client_for, coordinator, municipality, resident
):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident, role="member")
    meeting = MeetingFactory(forum=forum)
    AgendaItemFactory(meeting=meeting, position=4, title="Begrüßung")
    item = AgendaItemFactory(
        meeting=meeting, status="proposed", proposer=resident, position=0
    )
    client = client_for(coordinator)
    client.post(
        url("forums:agenda_review", municipality, pk=meeting.pk, item_pk=item.pk),
        {"decision": "accept", "decline_reason": ""},
    )
    item.refresh_from_db()
    assert (item.status, item.position) == ("accepted", 5)
    assert (
        "Begrüßung"
        not in client_for(None).get(meeting.get_absolute_url()).content.decode()
    )
    client_for(coordinator).post(
        url("forums:agenda_publish", municipality, pk=meeting.pk)
    )
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
    body = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert body.index("Begrüßung") < body.index(item.title)


def test_a_non_member_cannot_propose(client_for, municipality, resident):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality))
    response = client_for(resident).post(
        url("forums:agenda_propose", municipality, pk=meeting.pk),
        {"title": "Etwas", "kind": "discussion"},
    )
    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_moderation_adds_an_item_directly(client_for, coordinator, municipality):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality))
    client_for(coordinator).post(
        url("forums:agenda_new", municipality, pk=meeting.pk),
        {"title": "Haushalt", "kind": "decision", "planned_minutes": 20},
    )
    item = meeting.agenda_items.get()
    assert (item.title, item.status, item.position) == ("Haushalt", "accepted", 1)


def test_unpublished_minutes_are_hidden_from_residents_and_sanitised(
    client_for, coordinator, municipality, resident
):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality))
    item = AgendaItemFactory(meeting=meeting)
    meeting.agenda_published_at = timezone.now()
    meeting.save()
    client = client_for(coordinator)
    client.post(
        url("forums:minutes_edit", municipality, pk=meeting.pk, item_pk=item.pk),
        {
            "minutes": "<p>Wir haben <strong>beschlossen</strong>.</p><script>x()</script>"
        },
    )
    item.refresh_from_db()
    assert item.minutes == "<p>Wir haben <strong>beschlossen</strong>.</p>"
    assert "beschlossen" in client.get(meeting.get_absolute_url()).content.decode()
    page = client_for(resident).get(meeting.get_absolute_url()).content.decode()
    assert item.title in page
    assert "beschlossen" not in page

    client_for(coordinator).post(
        url("forums:minutes_publish", municipality, pk=meeting.pk)
    )
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None
    page = client_for(resident).get(meeting.get_absolute_url()).content.decode()
    assert "<strong>beschlossen</strong>" in page
    assert "<script>" not in page


def test_minutes_of_a_members_only_forum_are_for_its_members(
    client_for, municipality, resident, partner
):
    forum = ForumFactory(
        municipality=municipality, kind="peer_consultation", visibility="members"
    )
    ForumMemberFactory(forum=forum, user=resident, role="member")
    meeting = MeetingFactory(
        forum=forum,
        agenda_published_at=timezone.now(),
        minutes_published_at=timezone.now(),
    )
    AgendaItemFactory(meeting=meeting, minutes="<p>Vertraulicher Fall</p>")
    page = client_for(resident).get(meeting.get_absolute_url())
    assert "Vertraulicher Fall" in page.content.decode()
    assert client_for(partner).get(meeting.get_absolute_url()).status_code == 404


def test_moderation_records_attendance_of_people_and_actors(
    client_for, coordinator, municipality, resident, partner
):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident)
    ForumMemberFactory(forum=forum, user=partner)
    actor = ActorFactory(municipality=municipality, name="Sportverein e.V.")
    meeting = MeetingFactory(forum=forum)
    attendance_url = url("forums:attendance", municipality, pk=meeting.pk)
    client = client_for(coordinator)
    client.post(
        attendance_url, {"users": [resident.pk, partner.pk], "actors": [actor.pk]}
    )
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    client.post(attendance_url, {"users": [resident.pk]})
    assert set(
        Attendance.objects.filter(meeting=meeting).values_list("user", "actor")
    ) == {(resident.pk, None)}
    page = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert "1 Person" in page or "1 person" in page


def test_attendance_rejects_people_outside_the_forum(
    client_for, coordinator, municipality, resident
):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality))
    response = client_for(coordinator).post(
        url("forums:attendance", municipality, pk=meeting.pk), {"users": [resident.pk]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["users"]
    assert not Attendance.objects.exists()


def test_attendance_page_query_count_is_constant(client_for, coordinator, municipality):
    forum = ForumFactory(municipality=municipality)
    meeting = MeetingFactory(forum=forum)
    client = client_for(coordinator)
    attendance_url = url("forums:attendance", municipality, pk=meeting.pk)

    def grow_and_count(count):
        for member in ForumMemberFactory.create_batch(count, forum=forum):
            actor = ActorFactory(municipality=municipality)
            Attendance.objects.create(
                municipality=municipality, meeting=meeting, user=member.user
            )
            Attendance.objects.create(
                municipality=municipality, meeting=meeting, actor=actor
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(attendance_url)
        assert response.status_code == 200
        return len(queries)

    small = grow_and_count(2)
    large = grow_and_count(18)
    assert small == large
    assert Attendance.objects.filter(meeting=meeting).count() == 40


def test_cancel_and_mark_as_held(client_for, coordinator, municipality):
    forum = ForumFactory(municipality=municipality)
    upcoming = MeetingFactory(forum=forum)
    past = MeetingFactory(
        forum=forum, starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    client = client_for(coordinator)
    client.post(url("forums:meeting_held", municipality, pk=upcoming.pk))
    upcoming.refresh_from_db()
    assert upcoming.status == "planned"
    client.post(url("forums:meeting_cancel", municipality, pk=upcoming.pk))
    client.post(url("forums:meeting_held", municipality, pk=past.pk))
    upcoming.refresh_from_db()
    past.refresh_from_db()
    assert (upcoming.status, past.status) == ("cancelled", "held")
    assert upcoming.history.count() >= 2


@pytest.mark.django_db
def test_the_moderation_finds_a_record_decision_link_on_each_accepted_item(
    client_for, coordinator, municipality
):
    from django.urls import reverse

    from quartier.forums.tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(forum__municipality=municipality)
    item = AgendaItemFactory(meeting=meeting, status="accepted")
    body = client_for(coordinator).get(meeting.get_absolute_url()).content.decode()
    link = reverse(
        "forums:decision_new",
        kwargs={
            "municipality_slug": municipality.slug,
            "pk": meeting.pk,
            "item_pk": item.pk,
        },
    )
    assert f'href="{link}"' in body
    assert f'id="agenda-item-{item.pk}"' in body


@pytest.mark.django_db
def test_a_partner_sees_a_members_only_forum_their_actor_belongs_to(
    client_for, partner, municipality
):
    from quartier.actors.tests.factories import ActorFactory
    from quartier.forums.models import Forum
    from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory

    actor = ActorFactory(municipality=municipality)
    actor.members.add(partner)
    forum = ForumFactory(municipality=municipality, visibility="members")
    ForumMemberFactory(forum=forum, user=None, actor=actor, role="member")
    assert forum in Forum.objects.visible_to(partner, municipality)


@pytest.mark.django_db
def test_forum_people_hear_of_a_new_meeting_and_published_minutes(
    coordinator, resident, municipality
):
    import datetime

    from django.core import mail
    from django.utils import timezone

    from quartier.forums.services.meetings import meeting_save, minutes_publish
    from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory

    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=resident, role="member")
    start = timezone.now() + datetime.timedelta(days=3)
    meeting = meeting_save(
        by=coordinator,
        forum=forum,
        title="Quartiersforum im Mai",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "Quartiersforum im Mai" in mail.outbox[0].body
    minutes_publish(by=coordinator, meeting=meeting)
    assert len(mail.outbox) == 2

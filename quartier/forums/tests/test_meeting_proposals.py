"""Members call their own meetings (issue 12, co-creation rights): the forum's rule
publishes them at once or after the moderation's approval; the proposer hears of
the decision by e-mail; a proposal waiting is invisible everywhere meetings are
listed, except to its proposer and whoever runs the forum."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern, reverse
from django.utils import timezone

from quartier.core import worklist
from quartier.forums import urls as forum_urls
from quartier.forums.models import AgendaItem, Meeting
from quartier.forums.services.proposals import meeting_propose, meeting_review
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Vorschlag Nachbarschaftsgarten"
OPEN = "Offenes Quartierstreffen"


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _starts(days=5):
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )


@pytest.fixture
def forum(municipality, resident, partner):
    forum = ForumFactory(municipality=municipality, slug="sonnenberg")
    ForumMemberFactory(forum=forum, user=resident, role="member")
    ForumMemberFactory(forum=forum, user=partner, role="moderation")
    return forum


def _propose(forum, by, **extra):
    starts = _starts()
    fields = {
        "title": SECRET,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "address": "Bürgerhaus Sonnenberg, Marktplatz 1",
        **extra,
    }
    return meeting_propose(
        by=by,
        forum=forum,
        agenda=[("Beete verteilen", "decision"), ("Gießplan", "discussion")],
        **fields,
    )


def test_by_default_a_members_meeting_waits_for_the_moderation(forum, resident):
    assert forum.member_meetings == "approve"
    meeting = _propose(forum, resident)
    meeting.refresh_from_db()
    assert meeting.status == "proposed"
    assert meeting.proposed_by == resident
    assert meeting.agenda_published_at is None
    items = list(meeting.agenda_items.order_by("position"))
    assert [(i.title, i.kind, i.proposer) for i in items] == [
        ("Beete verteilen", "decision", resident),
        ("Gießplan", "discussion", resident),
    ]


def test_a_forum_that_publishes_at_once_lists_the_meeting_right_away(
    forum, resident, client_for
):
    forum.member_meetings = "publish"
    forum.save()
    meeting = _propose(forum, resident)
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert meeting.agenda_published_at is not None
    html = client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert "Beete verteilen" in html
    assert SECRET in client_for(None).get(forum.get_absolute_url()).content.decode()


def test_only_members_and_moderators_may_call_meetings(
    forum, coordinator, municipality
):
    outsider = coordinator  # the coordination plans meetings, it does not call them
    with pytest.raises(PermissionDenied):
        _propose(forum, outsider)
    guest_member = ForumMemberFactory(forum=forum, role="guest").user
    with pytest.raises(PermissionDenied):
        _propose(forum, guest_member)
    forum.archived_at = timezone.now()
    forum.save()
    with pytest.raises(PermissionDenied):
        _propose(forum, forum.members.get(role="member").user)
    assert not Meeting.objects.exists()


def test_a_proposal_in_the_past_is_refused(forum, resident):
    starts = timezone.now() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _propose(forum, resident, starts_at=starts, ends_at=starts)
    assert "ends_at" in exc.value.message_dict or "starts_at" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_the_moderation_approves_and_the_proposer_is_told(forum, resident, partner):
    meeting = _propose(forum, resident)
    mail.outbox.clear()
    meeting_review(by=partner, meeting=meeting, approve=True)
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert meeting.agenda_published_at is not None
    to_proposer = [m for m in mail.outbox if m.to == [resident.email]]
    assert len(to_proposer) == 1
    assert SECRET in to_proposer[0].subject
    assert meeting.get_absolute_url() in to_proposer[0].body
    with pytest.raises(ValidationError):
        meeting_review(by=partner, meeting=meeting, approve=False, reason="zu spät")


def test_the_moderation_declines_with_a_reason_the_proposer_gets(
    forum, resident, partner
):
    meeting = _propose(forum, resident)
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        meeting_review(by=partner, meeting=meeting, approve=False, reason=" ")
    meeting_review(
        by=partner, meeting=meeting, approve=False, reason="Der Raum ist belegt."
    )
    meeting.refresh_from_db()
    assert meeting.status == "declined"
    assert meeting.decline_reason == "Der Raum ist belegt."
    assert mail.outbox[-1].to == [resident.email]
    assert "Der Raum ist belegt." in mail.outbox[-1].body


def test_the_proposer_cannot_approve_her_own_meeting(forum, resident):
    meeting = _propose(forum, resident)
    with pytest.raises(PermissionDenied):
        meeting_review(by=resident, meeting=meeting, approve=True)
    meeting.refresh_from_db()
    assert meeting.status == "proposed"


def test_proposals_wait_in_the_moderators_queue(forum, resident, partner, coordinator):
    meeting = _propose(forum, resident)
    other = ForumFactory(municipality=forum.municipality)
    MeetingFactory(forum=other, status="proposed", title="Woanders")

    def titles(user):
        filled = worklist.fill(user, forum.municipality, worklist.WORK)
        queue = {f.queue.key: f for f in filled}.get("forums.meetings_to_review")
        return [e.title for e in queue.entries] if queue else None

    assert titles(partner) == [SECRET]  # only the forum she moderates
    assert sorted(titles(coordinator)) == sorted([SECRET, "Woanders"])
    assert titles(resident) is None
    meeting_review(by=partner, meeting=meeting, approve=True)
    assert titles(partner) == []


# --- views ---------------------------------------------------------------------


def test_a_member_proposes_through_the_form(forum, resident, client_for):
    starts = _starts()
    url = reverse(
        "forums:meeting_propose",
        kwargs={"municipality_slug": "musterstadt", "slug": forum.slug},
    )
    data = {
        "title": SECRET,
        "starts_at": timezone.localtime(starts).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(starts + datetime.timedelta(hours=2)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "address": "Gemeinschaftsgarten",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-0-title": "Beete verteilen",
        "items-0-kind": "decision",
        "items-1-title": "",
        "items-1-kind": "discussion",
        "items-2-title": "",
        "items-2-kind": "discussion",
    }
    response = client_for(resident).post(url, data)
    meeting = Meeting.objects.get(title=SECRET)
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.status == "proposed"
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("title")) == [
        ("Beete verteilen",)
    ]


def test_bad_input_shows_german_messages_and_keeps_what_was_typed(
    forum, resident, client_for
):
    from django.utils import translation

    url = reverse(
        "forums:meeting_propose",
        kwargs={"municipality_slug": "musterstadt", "slug": forum.slug},
    )
    with translation.override("de"):
        response = client_for(resident).post(
            url,
            {
                "title": SECRET,
                "starts_at": "2026-13-45T99:00",
                "ends_at": "",
                "address": "",
                "items-TOTAL_FORMS": "1",
                "items-INITIAL_FORMS": "0",
                "items-0-title": "Beete verteilen",
                "items-0-kind": "decision",
            },
            HTTP_ACCEPT_LANGUAGE="de",
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert SECRET in html and "Beete verteilen" in html
    assert "Bitte geben Sie an, wo das Treffen stattfindet" in html
    assert not Meeting.objects.exists()


def test_the_moderator_approves_through_the_form(forum, resident, partner, client_for):
    meeting = _propose(forum, resident)
    url = reverse(
        "forums:meeting_review",
        kwargs={"municipality_slug": "musterstadt", "pk": meeting.pk},
    )
    client = client_for(partner)
    response = client.post(url, {"decision": "decline", "decline_reason": ""})
    assert response.status_code == 200  # the reason is missing
    meeting.refresh_from_db()
    assert meeting.status == "proposed"
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "planned"


# --- hidden everywhere meetings are listed -------------------------------------


def _listing_urls(forum):
    """Every page of the forums app that lists meetings without naming one: the
    URL patterns taking no more than the forum's slug."""
    found = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                names = set(pattern.pattern.converters)
                if names <= {"slug"} and pattern.name:
                    kwargs = {"municipality_slug": "musterstadt"}
                    if names:
                        kwargs["slug"] = forum.slug
                    found.append(reverse(f"forums:{pattern.name}", kwargs=kwargs))
            else:
                walk(pattern.url_patterns)

    walk(forum_urls.urlpatterns)
    return found


def test_a_proposal_is_hidden_wherever_meetings_are_listed(
    forum, resident, partner, coordinator, client_for, municipality
):
    proposal = _propose(forum, resident)
    declined = MeetingFactory(
        forum=forum, status="declined", title=SECRET + " (abgelehnt)"
    )
    MeetingFactory(forum=forum, title=OPEN, starts_at=_starts(3))
    urls = _listing_urls(forum)
    assert any(url.endswith("calendar.ics") for url in urls)
    assert f"/musterstadt/forums/{forum.slug}/" in urls
    api = [
        "/api/v1/municipalities/musterstadt/meetings",
        f"/api/v1/municipalities/musterstadt/meetings?forum={forum.slug}",
    ]
    outsider = ForumMemberFactory(forum=ForumFactory(municipality=municipality)).user
    from quartier.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=outsider, municipality=municipality, role="resident")
    seen_open = 0
    for who in (None, outsider):
        client = client_for(who)
        for url in urls + api:
            body = client.get(url).content.decode()
            assert SECRET not in body, f"{url} shows a proposal to {who}"
            seen_open += OPEN in body
        for meeting in (proposal, declined):
            for name in ("forums:meeting", "forums:meeting_ics"):
                url = reverse(
                    name, kwargs={"municipality_slug": "musterstadt", "pk": meeting.pk}
                )
                assert client.get(url).status_code == 404
            detail = f"/api/v1/municipalities/musterstadt/meetings/{meeting.pk}"
            assert client.get(detail).status_code == 404
    assert seen_open >= 6  # the walk does reach pages that list meetings
    # The proposer and the moderation see it on the forum page and in the API.
    for who in (resident, partner, coordinator):
        client = client_for(who)
        assert SECRET in client.get(forum.get_absolute_url()).content.decode()
        assert SECRET in client.get(api[0]).content.decode()
    # Calendar feeds never carry it, not even for the moderation.
    client = client_for(partner)
    for url in urls:
        if url.endswith(".ics"):
            assert SECRET not in client.get(url).content.decode()


def test_rooms_offer_no_proposed_meeting_for_a_booking(forum, resident, coordinator):
    from quartier.rooms.tests.factories import RoomFactory
    from quartier.rooms.views import _meetings_for

    _propose(forum, resident)
    MeetingFactory(forum=forum, title=OPEN)
    room = RoomFactory(municipality=forum.municipality)
    titles = [m.title for m in _meetings_for(coordinator, room)]
    assert OPEN in titles
    assert SECRET not in titles


def test_the_coordination_sets_the_forums_rule_on_its_form(
    forum, coordinator, client_for
):
    url = reverse(
        "forums:edit", kwargs={"municipality_slug": "musterstadt", "slug": forum.slug}
    )
    client = client_for(coordinator)
    page = client.get(url).content.decode()
    assert 'name="member_meetings" value="approve"' in page
    response = client.post(
        url,
        {
            "kind": forum.kind,
            "name": forum.name,
            "slug": forum.slug,
            "mandate": forum.mandate,
            "participation_stage": forum.participation_stage,
            "visibility": forum.visibility,
            "member_meetings": "publish",
        },
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.member_meetings == "publish"
    html = client_for(None).get(forum.get_absolute_url()).content.decode()
    assert "sofort veröffentlichen" in html


def test_no_decision_is_recorded_for_a_meeting_waiting_for_approval(
    forum, resident, partner
):
    from quartier.forums.models import Decision
    from quartier.forums.services.decisions import Assignment, decision_record

    meeting = _propose(forum, resident)
    item = meeting.agenda_items.get(kind="decision")
    with pytest.raises(ValidationError) as exc:
        decision_record(
            by=partner,
            agenda_item=item,
            text="Die Beete werden verlost.",
            kind="resolution",
            responsibilities=[Assignment(role="R", actor=None, user=partner)],
        )
    assert "approved" in str(exc.value)
    assert not Decision.objects.exists()

"""Truth-table rows of forums, their members, meetings, agenda, minutes, attendance.

In the world, the partner is a member (role Mitglied) of the public forum, and the
resident is a member of the members-only forum."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)


def extend_world(world):
    municipality = world["municipality"]
    forum = ForumFactory(municipality=municipality, slug="forums-public")
    hidden = ForumFactory(
        municipality=municipality, slug="forums-members", visibility="members"
    )
    ForumMemberFactory(forum=forum, user=world["partner"], role="member")
    ForumMemberFactory(forum=hidden, user=world["resident"], role="member")
    meeting = MeetingFactory(forum=forum)
    world["forums_forum"] = forum
    world["forums_hidden_forum"] = hidden
    world["forums_actor_member"] = ForumMemberFactory(
        forum=forum, user=None, actor=world["actor"], role="guest"
    )
    world["forums_meeting"] = meeting
    world["forums_hidden_meeting"] = MeetingFactory(forum=hidden)
    world["forums_proposed_item"] = AgendaItemFactory(
        meeting=meeting, status="proposed", proposer=world["partner"]
    )
    world["forums_item"] = AgendaItemFactory(meeting=meeting)


def forum(w):
    return {**m(w), "slug": w["forums_forum"].slug}


def hidden(w):
    return {**m(w), "slug": w["forums_hidden_forum"].slug}


def meeting(w):
    return {**m(w), "pk": w["forums_meeting"].pk}


RUNS_GET = S(302, 403, 403, 200, 200, 403)
RUNS_POST = S(403, 403, 403, 302, 302, 403)

CASES = [
    Case("forums:list", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("forums:new", RUNS_GET, kwargs=m),
    Case(
        "forums:detail",
        S(200, 200, 200, 200, 200, 200),
        kwargs=forum,
        label="public forum",
    ),
    Case(
        "forums:detail",
        S(404, 200, 404, 200, 200, 404),
        kwargs=hidden,
        label="members-only forum",
    ),
    Case("forums:edit", RUNS_GET, kwargs=forum),
    Case(
        "forums:edit",
        S(404, 403, 404, 200, 200, 404),
        kwargs=hidden,
        label="members-only forum",
    ),
    Case("forums:archive", RUNS_POST, "post", kwargs=forum),
    Case("forums:members", RUNS_GET, kwargs=forum),
    Case(
        "forums:member_role",
        RUNS_POST,
        "post",
        kwargs=lambda w: {**forum(w), "pk": w["forums_actor_member"].pk},
        data={"role": "member"},
    ),
    Case(
        "forums:member_remove",
        RUNS_POST,
        "post",
        kwargs=lambda w: {**forum(w), "pk": w["forums_actor_member"].pk},
    ),
    Case("forums:meeting_new", RUNS_GET, kwargs=forum),
    Case(
        "forums:meeting",
        S(200, 200, 200, 200, 200, 200),
        kwargs=meeting,
        label="public forum",
    ),
    Case(
        "forums:meeting",
        S(404, 200, 404, 200, 200, 404),
        kwargs=lambda w: {**m(w), "pk": w["forums_hidden_meeting"].pk},
        label="members-only forum",
    ),
    Case("forums:meeting_edit", RUNS_GET, kwargs=meeting),
    Case("forums:meeting_cancel", RUNS_POST, "post", kwargs=meeting),
    Case("forums:meeting_held", RUNS_POST, "post", kwargs=meeting),
    Case("forums:agenda_new", RUNS_GET, kwargs=meeting),
    Case(
        "forums:agenda_propose",
        S(302, 403, 200, 200, 200, 403),
        kwargs=meeting,
        label="partner is a forum member",
    ),
    Case("forums:agenda_publish", RUNS_POST, "post", kwargs=meeting),
    Case(
        "forums:agenda_review",
        RUNS_GET,
        kwargs=lambda w: {**meeting(w), "item_pk": w["forums_proposed_item"].pk},
    ),
    Case(
        "forums:minutes_edit",
        RUNS_GET,
        kwargs=lambda w: {**meeting(w), "item_pk": w["forums_item"].pk},
    ),
    Case("forums:minutes_publish", RUNS_POST, "post", kwargs=meeting),
    Case("forums:attendance", RUNS_GET, kwargs=meeting),
]

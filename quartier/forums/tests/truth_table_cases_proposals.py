"""Truth-table rows of meetings that members call, and of guest registrations.

In the world, the resident is a member (Mitglied) of a public forum that the partner
moderates; the resident has proposed a meeting that waits for approval. A public
meeting takes guest registrations; one guest registration has its signed links."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.forums import guest_links
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
    RegistrationFactory,
)


def extend_world(world):
    municipality = world["municipality"]
    forum = ForumFactory(municipality=municipality, slug="proposals-public")
    ForumMemberFactory(forum=forum, user=world["resident"], role="member")
    ForumMemberFactory(forum=forum, user=world["partner"], role="moderation")
    world["proposals_forum"] = forum
    world["proposals_meeting"] = MeetingFactory(
        forum=forum, status="proposed", proposed_by=world["resident"]
    )
    open_meeting = MeetingFactory(forum=forum, capacity=30)
    world["proposals_open_meeting"] = open_meeting
    guest = RegistrationFactory(
        meeting=open_meeting,
        user=None,
        guest_name="Gast Truth",
        guest_email="gast-truth@test.example",
        status="pending",
    )
    world["proposals_confirm_token"] = guest_links.make_token(guest, "confirm")
    world["proposals_cancel_token"] = guest_links.make_token(guest, "cancel")
    hidden = ForumFactory(
        municipality=municipality, slug="proposals-members", visibility="members"
    )
    ForumMemberFactory(forum=hidden, user=world["resident"], role="member")
    world["proposals_hidden_meeting"] = MeetingFactory(forum=hidden)


def _forum(w):
    return {**m(w), "slug": w["proposals_forum"].slug}


def _proposed(w):
    return {**m(w), "pk": w["proposals_meeting"].pk}


def _open(w):
    return {**m(w), "pk": w["proposals_open_meeting"].pk}


def _hidden(w):
    return {**m(w), "pk": w["proposals_hidden_meeting"].pk}


CASES = [
    # Members call meetings: the resident (Mitglied) and the partner (Moderation).
    Case(
        "forums:meeting_propose",
        S(302, 200, 200, 403, 403, 403),
        kwargs=_forum,
        label="public forum",
    ),
    Case(
        "forums:meeting_propose",
        S(403, 200, 200, 403, 403, 403),
        "post",
        kwargs=_forum,
        label="empty form shown again",
    ),
    # A proposal is seen by its proposer, the forum's moderation and the
    # coordination only.
    Case(
        "forums:meeting",
        S(404, 200, 200, 200, 200, 404),
        kwargs=_proposed,
        label="proposed by a member",
    ),
    Case(
        "forums:meeting_ics",
        S(404, 200, 200, 200, 200, 404),
        kwargs=_proposed,
        label="proposed by a member",
    ),
    Case(
        "forums:register",
        S(404, 403, 403, 403, 403, 404),
        kwargs=_proposed,
        label="proposed by a member",
    ),
    Case(
        "forums:meeting_review",
        S(404, 403, 200, 200, 200, 404),
        kwargs=_proposed,
        label="proposed by a member",
    ),
    Case(
        "forums:meeting_review",
        S(404, 403, 200, 200, 200, 404),
        "post",
        kwargs=_proposed,
        label="empty decision shown again",
    ),
    # Guests (no account): public forums' listed meetings; members are sent to
    # their own form. The pages of the signed links answer whoever holds the link.
    Case(
        "forums:guest_register",
        S(200, 302, 302, 302, 302, 302),
        kwargs=_open,
        label="public forum",
    ),
    Case(
        "forums:guest_register",
        S(200, 302, 302, 302, 302, 302),
        "post",
        kwargs=_open,
        label="empty form shown again",
    ),
    Case(
        "forums:guest_register",
        S(404, 403, 403, 403, 403, 404),
        kwargs=_proposed,
        label="proposed by a member",
    ),
    Case(
        "forums:guest_register",
        S(404, 403, 404, 403, 403, 404),
        kwargs=_hidden,
        label="members-only forum",
    ),
    Case(
        "forums:guest_confirm",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["proposals_confirm_token"]},
        label="the page of a valid link",
    ),
    Case(
        "forums:guest_confirm",
        S(400, 400, 400, 400, 400, 400),
        kwargs=lambda w: {**m(w), "token": w["proposals_cancel_token"]},
        label="a link of the other kind",
    ),
    Case(
        "forums:guest_cancel",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["proposals_cancel_token"]},
        label="the page of a valid link",
    ),
    Case(
        "forums:guest_cancel",
        S(400, 400, 400, 400, 400, 400),
        kwargs=lambda w: {**m(w), "token": "forged:token"},
        label="a forged link",
    ),
]

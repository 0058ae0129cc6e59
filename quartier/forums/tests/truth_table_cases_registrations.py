"""Truth-table rows of meeting registration, the registrations list and the
calendar feeds."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
    RegistrationFactory,
)


def extend_world(world):
    municipality = world["municipality"]
    public = ForumFactory(municipality=municipality, slug="registrations-public")
    hidden = ForumFactory(
        municipality=municipality, slug="registrations-members", visibility="members"
    )
    # The partner moderates the members-only forum.
    ForumMemberFactory(forum=hidden, user=world["partner"], role="moderation")
    world["registrations_forum"] = public
    world["registrations_hidden_forum"] = hidden
    world["registrations_meeting"] = MeetingFactory(forum=public, capacity=20)
    world["registrations_hidden_meeting"] = MeetingFactory(forum=hidden)
    RegistrationFactory(meeting=world["registrations_meeting"], user=world["resident"])


def _meeting(w):
    return {**m(w), "pk": w["registrations_meeting"].pk}


def _hidden_meeting(w):
    return {**m(w), "pk": w["registrations_hidden_meeting"].pk}


CASES = [
    Case(
        "forums:register",
        S(302, 200, 200, 200, 200, 403),
        kwargs=_meeting,
        label="public forum",
    ),
    Case(
        "forums:register",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden_meeting,
        label="members-only forum",
    ),
    Case(
        "forums:register",
        S(403, 200, 302, 302, 302, 403),
        "post",
        kwargs=_meeting,
        label="register (the resident is registered already)",
    ),
    Case(
        "forums:unregister",
        S(403, 302, 302, 302, 302, 302),
        "post",
        kwargs=_meeting,
        label="public forum",
    ),
    Case(
        "forums:unregister",
        S(404, 404, 302, 302, 302, 404),
        "post",
        kwargs=_hidden_meeting,
        label="members-only forum",
    ),
    Case(
        "forums:registrations",
        S(302, 403, 403, 200, 200, 403),
        kwargs=_meeting,
        label="public forum",
    ),
    Case(
        "forums:registrations",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden_meeting,
        label="members-only forum, moderated by the partner",
    ),
    Case(
        "forums:meeting_ics",
        S(200, 200, 200, 200, 200, 200),
        kwargs=_meeting,
        label="public forum",
    ),
    Case(
        "forums:meeting_ics",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden_meeting,
        label="members-only forum",
    ),
    Case(
        "forums:forum_calendar",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "slug": w["registrations_forum"].slug},
        label="public forum",
    ),
    Case(
        "forums:forum_calendar",
        S(404, 404, 200, 200, 200, 404),
        kwargs=lambda w: {**m(w), "slug": w["registrations_hidden_forum"].slug},
        label="members-only forum",
    ),
    Case("forums:calendar", S(200, 200, 200, 200, 200, 200), kwargs=m),
]

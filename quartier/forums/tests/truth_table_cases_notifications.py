"""Truth-table rows of the forums' notification settings page."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.forums.tests.factories import ForumFactory


def extend_world(world):
    municipality = world["municipality"]
    world["notifications_forum"] = ForumFactory(
        municipality=municipality, slug="notifications-public"
    )
    world["notifications_hidden_forum"] = ForumFactory(
        municipality=municipality, slug="notifications-members", visibility="members"
    )


CASES = [
    Case(
        "forums:notifications",
        S(302, 200, 200, 200, 200, 403),
        kwargs=lambda w: {**m(w), "slug": w["notifications_forum"].slug},
        label="public forum",
    ),
    Case(
        "forums:notifications",
        S(404, 404, 404, 200, 200, 404),
        kwargs=lambda w: {**m(w), "slug": w["notifications_hidden_forum"].slug},
        label="members-only forum",
    ),
    Case(
        "forums:notifications",
        S(403, 302, 302, 302, 302, 403),
        "post",
        kwargs=lambda w: {**m(w), "slug": w["notifications_forum"].slug},
        data={"frequency": "weekly"},
        label="save",
    ),
]

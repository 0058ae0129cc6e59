"""Truth-table rows of the reflections app (docs/permissions.md, "Reflections")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.forums.tests.factories import (
        DecisionFactory,
        ForumFactory,
        MeetingFactory,
    )
    from quartier.reflections.tests.factories import ReflectionFactory

    municipality = world["municipality"]
    forum = ForumFactory(
        municipality=municipality, name="Reflexionsforum", slug="reflections-rf"
    )
    closed = ForumFactory(
        municipality=municipality,
        name="Interne Runde",
        slug="reflections-closed",
        visibility="members",
    )
    world["reflection"] = ReflectionFactory(
        municipality=municipality, meeting=MeetingFactory(forum=forum)
    )
    world["reflection_closed"] = ReflectionFactory(
        municipality=municipality, meeting=MeetingFactory(forum=closed)
    )
    world["reflection_decision"] = DecisionFactory(
        agenda_item__meeting__forum=forum, number=951
    )
    from quartier.reflections.models import TextChange

    world["reflection_text_change"] = TextChange.objects.create(
        municipality=municipality,
        reflection=world["reflection"],
        key="forums.Forum.purpose",
        object_id=str(forum.pk),
        object_title=forum.name,
        after="Das Forum entscheidet mit.",
        reason="Aus dem Rückblick",
    )


def pk(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def change(w):
    return {
        **pk("reflection")(w),
        "change_pk": w["reflection_text_change"].pk,
    }


MEMBERS = S(302, 200, 200, 200, 200, 403)
MEMBERS_OBJ = S(404, 200, 200, 200, 200, 404)
# The partner of the test world moderates a forum: moderators write reflections.
WRITERS = S(302, 403, 200, 200, 200, 403)
WRITERS_OBJ = S(404, 403, 200, 200, 200, 404)

CASES = [
    Case("reflections:list", MEMBERS, kwargs=m),
    Case("reflections:new", WRITERS, kwargs=m),
    Case(
        "reflections:new",
        S(403, 403, 200, 200, 200, 403),
        "post",
        kwargs=m,
        data={"title": ""},
        label="post incomplete",
    ),
    Case("reflections:detail", MEMBERS_OBJ, kwargs=pk("reflection")),
    Case(
        "reflections:detail",
        S(404, 404, 404, 200, 200, 404),
        kwargs=pk("reflection_closed"),
        label="on a members-only forum's meeting",
    ),
    Case("reflections:edit", WRITERS_OBJ, kwargs=pk("reflection")),
    Case("reflections:adaptation_new", WRITERS_OBJ, kwargs=pk("reflection")),
    Case(
        "reflections:adaptation_new",
        S(404, 403, 200, 200, 200, 404),
        "post",
        kwargs=pk("reflection"),
        data={"text": ""},
        label="post incomplete",
    ),
    Case(
        "reflections:decision_link",
        S(302, 403, 403, 200, 200, 403),
        kwargs=pk("reflection_decision"),
    ),
    Case("reflections:change_new", WRITERS_OBJ, kwargs=pk("reflection")),
    Case(
        "reflections:change_new",
        S(404, 403, 200, 200, 200, 404),
        "post",
        kwargs=pk("reflection"),
        data={"target": ""},
        label="post incomplete",
    ),
    # Applying needs the forum's own change permission too (moderators propose,
    # the coordination applies).
    Case(
        "reflections:change_apply",
        S(404, 403, 403, 302, 302, 404),
        "post",
        kwargs=change,
    ),
    Case(
        "reflections:change_drop",
        S(404, 403, 302, 302, 302, 404),
        "post",
        kwargs=change,
    ),
]

"""Truth-table rows of the decisions register and "Wer entscheidet was?"."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.forums.tests.factories import (
        AgendaItemFactory,
        DecisionFactory,
        ForumFactory,
        MeetingFactory,
        ResponsibilityFactory,
    )

    municipality = world["municipality"]
    forum = ForumFactory(
        municipality=municipality, name="Gesundheitskonferenz", slug="decisions-gk"
    )
    meeting = MeetingFactory(forum=forum)
    item = AgendaItemFactory(meeting=meeting, kind="decision")
    decision = DecisionFactory(agenda_item=item, number=901)
    ResponsibilityFactory(decision=decision, user=None, actor=world["actor"])
    closed = ForumFactory(
        municipality=municipality,
        name="Steuerungsgruppe",
        slug="decisions-sg",
        visibility="members",
    )
    closed_decision = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(forum=closed)),
        number=902,
    )
    world["decisions_item"] = item
    world["decisions_decision"] = decision
    world["decisions_members_only"] = closed_decision


def d(w):
    return {**m(w), "pk": w["decisions_decision"].pk}


CASES = [
    Case("forums:decisions", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("forums:decisions_csv", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("forums:who_decides", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("forums:decision", S(200, 200, 200, 200, 200, 200), kwargs=d),
    Case(
        "forums:decision",
        S(404, 404, 404, 200, 200, 404),
        kwargs=lambda w: {**m(w), "pk": w["decisions_members_only"].pk},
        label="members-only forum",
    ),
    Case("forums:decision_edit", S(302, 403, 403, 200, 200, 403), kwargs=d),
    Case("forums:decision_status", S(302, 403, 403, 200, 200, 403), kwargs=d),
    Case(
        "forums:decision_status",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=d,
        data={"new_status": "in_progress", "comment": "Die Umsetzung beginnt."},
        label="post",
    ),
    Case(
        "forums:decision_new",
        S(302, 403, 403, 200, 200, 403),
        kwargs=lambda w: {
            **m(w),
            "pk": w["decisions_item"].meeting_id,
            "item_pk": w["decisions_item"].pk,
        },
    ),
]

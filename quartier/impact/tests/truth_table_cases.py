"""Truth-table rows of the impact app (docs/permissions.md, "Goals and impact")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.impact.tests.factories import (
        GoalFactory,
        ImpactModelFactory,
        IndicatorFactory,
        MeasurementFactory,
    )
    from quartier.initiatives.tests.factories import InitiativeFactory

    municipality = world["municipality"]
    goal = GoalFactory(municipality=municipality, title="Gesund aufwachsen")
    world["impact_goal"] = goal
    world["impact_draft"] = GoalFactory(
        municipality=municipality, title="Entwurf", visibility="internal"
    )
    world["impact_model"] = ImpactModelFactory(goal=goal)
    world["impact_recorded"] = IndicatorFactory(impact_model=world["impact_model"])
    MeasurementFactory(indicator=world["impact_recorded"], note="intern")
    world["impact_computed"] = IndicatorFactory(
        impact_model=world["impact_model"],
        kind="computed",
        source_key="forums.meetings_held",
        stage=1,
    )
    world["impact_initiative"] = InitiativeFactory(
        municipality=municipality, title="Bewegter Sonnenberg"
    )


def pk(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def unlink(w):
    return {**m(w), "pk": w["impact_goal"].pk, "initiative_pk": 999999}


PUBLIC = S(200, 200, 200, 200, 200, 200)
MEMBERS = S(404, 200, 200, 200, 200, 404)
COORDINATION = S(302, 403, 403, 200, 200, 403)

CASES = [
    Case("impact:goals", PUBLIC, kwargs=m),
    Case("impact:goal", PUBLIC, kwargs=pk("impact_goal")),
    Case("impact:goal", MEMBERS, kwargs=pk("impact_draft"), label="draft"),
    Case("impact:goal_new", COORDINATION, kwargs=m),
    Case(
        "impact:goal_new",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=m,
        data={"title": ""},
        label="post incomplete",
    ),
    Case("impact:goal_edit", COORDINATION, kwargs=pk("impact_goal")),
    Case(
        "impact:goal_edit",
        S(404, 403, 403, 200, 200, 404),
        kwargs=pk("impact_draft"),
        label="draft",
    ),
    Case("impact:goal_link", COORDINATION, kwargs=pk("impact_goal")),
    Case(
        "impact:goal_unlink",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=unlink,
    ),
    Case("impact:goal_model", COORDINATION, kwargs=pk("impact_goal")),
    Case("impact:initiative_model", COORDINATION, kwargs=pk("impact_initiative")),
    Case("impact:initiative_pick", S(302, 403, 403, 302, 302, 403), kwargs=m),
    Case("impact:model", PUBLIC, kwargs=pk("impact_model")),
    Case("impact:indicator_new", COORDINATION, kwargs=pk("impact_model")),
    Case("impact:indicator", PUBLIC, kwargs=pk("impact_recorded")),
    Case("impact:indicator", PUBLIC, kwargs=pk("impact_computed"), label="computed"),
    Case("impact:indicator_edit", COORDINATION, kwargs=pk("impact_recorded")),
    Case(
        "impact:record",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=pk("impact_recorded"),
        data={"value": ""},
        label="post incomplete",
    ),
    Case(
        "impact:compute",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=pk("impact_computed"),
    ),
]

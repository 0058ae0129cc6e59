"""Quartiers-Check suggestion from goals and impact (core/check_suggestions.py):
R5 shared goals, backed by a forum's decision."""

from __future__ import annotations

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def shared_goals(municipality: Municipality) -> Suggestion | None:
    from quartier.impact.models import Goal

    goals = list(Goal.objects.filter(municipality=municipality).order_by("title"))
    if not goals:
        return None
    decided = [g for g in goals if g.decision_id]
    value = 2 if not decided else 3 if len(decided) < 3 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {len(decided)} von {len(goals)} Zielen durch einen "
        "Beschluss eines Gremiums gemeinsam festgelegt sind.",
        [Evidence(g.title, g.get_absolute_url()) for g in decided[:5]],
    )


register("r5.goals", shared_goals, source="impact")

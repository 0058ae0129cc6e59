"""The link kind of the impact app (core/object_links.py): a goal and the
initiatives that work towards it. Stored in `Goal.initiatives`; the goal's page
shows them and each initiative's page shows its goals (`{% linked_objects %}`),
each side only to who may see it. Set on the goal's link form by the coordination
(impact.change_goal), only to an initiative of the same municipality the person
may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import LinkEnd, LinkKind, register

KEY = "impact.goal_initiative"


def _choices(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.initiatives.models import Initiative

    return Initiative.objects.visible_to(user, municipality).order_by("title")


def _initiatives_of(goals: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.impact.models import Goal

    found: dict[Any, list[Any]] = defaultdict(list)
    rows = Goal.initiatives.through.objects.filter(
        goal_id__in=[g.pk for g in goals]
    ).select_related("initiative__municipality")
    for row in rows.order_by("initiative__title", "initiative_id"):
        found[row.goal_id].append(row.initiative)
    return found


def _goals_of(initiatives: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.impact.models import Goal

    found: dict[Any, list[Any]] = defaultdict(list)
    rows = Goal.initiatives.through.objects.filter(
        initiative_id__in=[i.pk for i in initiatives]
    ).select_related("goal__municipality")
    for row in rows.order_by("goal__title", "goal_id"):
        found[row.initiative_id].append(row.goal)
    return found


def register_link_kinds() -> None:
    from quartier.impact.models import Goal
    from quartier.initiatives.models import Initiative

    register(
        LinkKind(
            key=KEY,
            source=LinkEnd(
                model=Goal,
                label=_("Goals"),
                perm="impact.view_goal",
                fetch=_goals_of,
                describe=lambda g: g.title,
            ),
            target=LinkEnd(
                model=Initiative,
                label=_("Initiatives working towards this goal"),
                perm="initiatives.view_initiative",
                fetch=_initiatives_of,
                describe=lambda i: i.title,
                detail=lambda i: str(i.get_phase_display()),
            ),
            link_perm="impact.change_goal",
            choices=_choices,
        )
    )

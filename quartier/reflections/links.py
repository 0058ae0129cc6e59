"""The link kind of the reflections app (core/object_links.py): a decision and the
reflection it is an adaptation of ("Was nun?"). Stored as `Adaptation` rows; the
decision's page shows the reflection and the reflection's page lists its
adaptations, each side only to who may see it (reflections are for members).

The decision is the source: its page (public for public forums) offers the form
to count an existing decision as an adaptation (reflections.link_decision)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import LinkEnd, LinkKind, register

KEY = "reflections.decision_reflection"


def _choices(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.reflections.models import Reflection

    return Reflection.objects.visible_to(user, municipality).order_by("-held_on")


def _reflections_of(decisions: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.reflections.models import Adaptation

    found: dict[Any, list[Any]] = defaultdict(list)
    rows = Adaptation.objects.filter(
        decision_id__in=[d.pk for d in decisions]
    ).select_related(
        "reflection__municipality",
        "reflection__meeting__forum",
        "reflection__compass_round",
        "reflection__initiative",
        "reflection__fund",
    )
    for row in rows.order_by("reflection__title", "reflection_id"):
        found[row.decision_id].append(row.reflection)
    return found


def _decisions_of(reflections: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.reflections.models import Adaptation

    found: dict[Any, list[Any]] = defaultdict(list)
    rows = Adaptation.objects.filter(
        reflection_id__in=[r.pk for r in reflections]
    ).select_related("decision__municipality", "decision__forum")
    for row in rows.order_by("pk"):
        found[row.reflection_id].append(row.decision)
    return found


def _decision_title(decision: Any) -> str:
    from quartier.forums.services.decisions import decision_label

    return f"{decision_label(decision)}: {decision.text[:100]}"


def register_link_kinds() -> None:
    from quartier.forums.models import Decision
    from quartier.reflections.models import Reflection

    register(
        LinkKind(
            key=KEY,
            source=LinkEnd(
                model=Decision,
                label=_("Adaptations (decisions)"),
                perm="forums.view_decision",
                fetch=_decisions_of,
                describe=_decision_title,
                detail=lambda d: str(d.get_status_display()),
            ),
            target=LinkEnd(
                model=Reflection,
                label=_("From the reflection"),
                perm="reflections.view_reflection",
                fetch=_reflections_of,
                describe=lambda r: r.title,
            ),
            link_perm="reflections.link_decision",
            choices=_choices,
        )
    )

"""Quartiers-Check suggestions from the reflections (core/check_suggestions.py): R9
reflections held in the last year and the agreed changes that were made."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from quartier.core.check_suggestions import (
    Evidence,
    Suggestion,
    percent,
    register,
    scale_by_share,
)
from quartier.core.models import Municipality


def _list(municipality: Municipality) -> Evidence:
    return Evidence(
        "Reflexionen",
        reverse("reflections:list", kwargs={"municipality_slug": municipality.slug}),
    )


def regular_reflections(municipality: Municipality) -> Suggestion | None:
    from quartier.reflections.models import Reflection

    reflections = Reflection.objects.filter(municipality=municipality)
    if not reflections.exists():
        return None
    since = timezone.localdate() - datetime.timedelta(days=365)
    count = reflections.filter(held_on__gte=since).count()
    value = 1 if count == 0 else 2 if count == 1 else 3 if count < 4 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil in den letzten zwölf Monaten {count} Reflexionen "
        "festgehalten wurden.",
        [_list(municipality)],
    )


def adaptations_done(municipality: Municipality) -> Suggestion | None:
    from quartier.reflections.models import Adaptation, AdaptationState

    adaptations = list(
        Adaptation.objects.filter(reflection__municipality=municipality).select_related(
            "decision"
        )
    )
    if not adaptations:
        return None
    done = sum(1 for a in adaptations if a.state == AdaptationState.DONE)
    total = len(adaptations)
    return Suggestion(
        scale_by_share(done / total, (0.25, 0.5, 0.75)),
        f"vorgeschlagen, weil {done} von {total} vereinbarten Änderungen aus "
        f"Reflexionen ({percent(done, total)}) umgesetzt sind.",
        [_list(municipality)],
    )


register("r9.reflections", regular_reflections, source="reflections")
register("r9.adaptations", adaptations_done, source="reflections")

"""Indicator sources of the initiatives (core/indicator_sources.py): how many
initiatives stood in a phase on a day, read from their phase history."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import Source, day_bounds, register


def _phases(municipality: Any) -> list[tuple[str, str]]:
    from quartier.initiatives.models import Phase

    return [(value, str(label)) for value, label in Phase.choices]


def per_phase(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    from quartier.initiatives.models import Initiative, PhaseChange

    _low, high = day_bounds(start, end)
    initiatives = Initiative.objects.of(municipality).filter(created_at__lt=high)
    if neighbourhood is not None:
        initiatives = initiatives.filter(neighborhoods=neighbourhood)
    current = dict(initiatives.distinct().values_list("pk", "phase"))
    changes: dict[Any, list[tuple[Any, str, str]]] = {}
    for initiative_id, changed_on, old, new in (
        PhaseChange.objects.filter(initiative_id__in=list(current))
        .order_by("changed_on", "created_at", "pk")
        .values_list("initiative_id", "changed_on", "old_phase", "new_phase")
    ):
        changes.setdefault(initiative_id, []).append((changed_on, old, new))
    count = 0
    for pk, phase in current.items():
        history = changes.get(pk)
        if history:
            before = [new for day, _old, new in history if day <= end]
            # The last change by the end of the period, else the phase it came from.
            phase = before[-1] if before else (history[0][1] or phase)
        if phase == option:
            count += 1
    return count


register(
    Source(
        key="initiatives.per_phase",
        label=_("Initiatives in a phase"),
        unit=_("initiatives"),
        stage=1,
        formula=_(
            "Number of initiatives begun by the last day of the period that stood "
            "in the chosen phase on that day (from their history of phase changes)."
        ),
        compute=per_phase,
        options=_phases,
        option_label=_("phase"),
        option_required=True,
    ),
)

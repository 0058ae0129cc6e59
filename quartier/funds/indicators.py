"""Indicator sources of the funds (core/indicator_sources.py): whom the funded
projects reached, from their proofs of use (GrantReport)."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import Source, day_bounds, register


def _reports(municipality: Any, neighbourhood: Any, start: Any, end: Any) -> Any:
    from quartier.funds.models import GrantReport

    low, high = day_bounds(start, end)
    reports = GrantReport.objects.filter(
        application__municipality=municipality,
        submitted_at__gte=low,
        submitted_at__lt=high,
    )
    if neighbourhood is not None:
        reports = reports.filter(application__neighborhood=neighbourhood)
    return reports


def people_reached(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    total = _reports(municipality, neighbourhood, start, end).aggregate(
        total=Sum("participants")
    )["total"]
    return int(total or 0)


def organisations_reached(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    # A proof of use names no partner organisations: what the data hold is who
    # carried each funded project: an actor of the directory, or a group by name.
    actors: set[Any] = set()
    groups: set[str] = set()
    rows = _reports(municipality, neighbourhood, start, end).values_list(
        "application__actor_id", "application__group_name", "application_id"
    )
    for actor_id, group_name, application_id in rows:
        if actor_id is not None:
            actors.add(actor_id)
        elif group_name.strip():
            groups.add(group_name.strip().casefold())
        else:
            groups.add(f"#{application_id}")
    return len(actors) + len(groups)


register(
    Source(
        key="funds.people_reached",
        label=_("People reached by funded projects"),
        unit=_("people"),
        stage=2,
        formula=_(
            "Sum of “how many people took part?” of every proof of use submitted "
            "in the period; with a neighbourhood, only projects in it."
        ),
        compute=people_reached,
    ),
    Source(
        key="funds.organisations_reached",
        label=_("Organisations carrying funded projects"),
        unit=_("organisations"),
        stage=2,
        formula=_(
            "Number of different actors or groups (by name) whose project handed "
            "in a proof of use in the period; a project without either counts once."
        ),
        compute=organisations_reached,
    ),
)

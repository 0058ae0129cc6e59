"""What a municipality can share of its initiatives with an advisory organisation
(core/sharing.py): every initiative, public or internal, with its phase and its lead
organisation, never a person (no lead person, team, comments or phase notes)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, SharedTable, register

KEY = "initiatives"


def phase_counts(municipalities: list[Municipality]) -> dict[int, dict[str, int]]:
    """Initiatives per phase of each municipality, in one query."""
    from quartier.initiatives.models import Initiative

    rows = (
        Initiative.objects.filter(municipality__in=municipalities)
        .order_by()
        .values("municipality_id", "phase")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = {m.pk: {} for m in municipalities}
    for row in rows:
        counts[row["municipality_id"]][row["phase"]] = row["n"]
    return counts


def summaries(municipalities: list[Municipality]) -> dict[int, list[tuple[Any, str]]]:
    from quartier.initiatives.models import Phase

    return {
        pk: [
            (label, str(counts[value]))
            for value, label in Phase.choices
            if counts.get(value)
        ]
        for pk, counts in phase_counts(municipalities).items()
    }


def detail(municipality: Municipality) -> list[SharedTable]:
    from quartier.initiatives.models import Initiative

    rows = (
        Initiative.objects.of(municipality)
        .select_related("lead_actor")
        .only("title", "phase", "phase_since", "visibility", "lead_actor__name")
        .order_by("title")
    )
    return [
        SharedTable(
            _t("Initiatives and their phases"),
            [
                _t("Initiative"),
                _t("Phase"),
                _t("in this phase since"),
                _t("Visibility"),
                _t("Lead organisation"),
            ],
            [
                [
                    i.title,
                    i.get_phase_display(),
                    date_format(i.phase_since, "SHORT_DATE_FORMAT"),
                    i.get_visibility_display(),
                    i.lead_actor.name if i.lead_actor_id else "–",
                ]
                for i in rows
            ],
        )
    ]


register(
    SharedModule(
        key=KEY,
        label=_("Initiatives"),
        description=_(
            "The initiatives (public and internal) with their phase and lead "
            "organisation, without any person."
        ),
        summaries=summaries,
        url=lambda m: reverse(
            "advisers:module", kwargs={"municipality_slug": m.slug, "key": KEY}
        ),
        detail=detail,
    )
)

"""Quartiers-Check suggestion from participation (core/check_suggestions.py): R2 the
share of contributions made without an account (a low threshold)."""

from __future__ import annotations

from django.urls import reverse

from quartier.core.check_suggestions import (
    Evidence,
    Suggestion,
    percent,
    register,
    scale_by_share,
)
from quartier.core.models import Municipality


def without_account(municipality: Municipality) -> Suggestion | None:
    from quartier.participation.models import Contribution

    contributions = Contribution.objects.filter(municipality=municipality)
    total = contributions.count()
    if not total:
        return None
    guests = contributions.filter(author__isnull=True).count()
    return Suggestion(
        scale_by_share(guests / total, (0.1, 0.25, 0.4)),
        f"vorgeschlagen, weil {guests} von {total} Beiträgen "
        f"({percent(guests, total)}) ohne Konto eingegangen sind (online als Gast, "
        "auf Papier oder am Telefon).",
        [
            Evidence(
                "Beteiligung",
                reverse(
                    "participation:list",
                    kwargs={"municipality_slug": municipality.slug},
                ),
            )
        ],
    )


register("r2.low_threshold", without_account, source="participation")

"""Quartiers-Check suggestion from the tension compass (core/check_suggestions.py):
R6 tension fields talked about openly in compass rounds."""

from __future__ import annotations

import datetime

from django.utils import timezone

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def compass_rounds(municipality: Municipality) -> Suggestion | None:
    from quartier.compass.models import Round, RoundStatus

    rounds = list(
        Round.objects.filter(municipality=municipality)
        .exclude(status=RoundStatus.DRAFT)
        .select_related("municipality")
    )
    if not rounds:
        return None
    since = timezone.now() - datetime.timedelta(days=2 * 365)
    recent = [r for r in rounds if r.created_at >= since]
    value = 2 if not recent else 3 if len(recent) == 1 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil in den letzten zwei Jahren {len(recent)} Runden des "
        f"Spannungskompasses stattfanden ({len(rounds)} insgesamt).",
        [Evidence(str(r), r.get_absolute_url()) for r in rounds[:3]],
    )


register("r6.tensions", compass_rounds, source="compass")

"""Quartiers-Check suggestion from the time records (core/check_suggestions.py):
R10 the time for relationship work made visible, by kind of work. (Role profiles
register their own suggestion where they exist.)"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality

RELATIONSHIP_WORK = ("networking", "moderation", "translation", "advice")


def relationship_time(municipality: Municipality) -> Suggestion | None:
    from quartier.learning.models import TimeEntry

    entries = TimeEntry.objects.filter(municipality=municipality)
    if not entries.exists():
        return None
    since = timezone.localdate() - datetime.timedelta(days=365)
    kinds = set(
        entries.filter(date__gte=since, category__in=RELATIONSHIP_WORK).values_list(
            "category", flat=True
        )
    )
    count = len(kinds)
    value = 1 if count == 0 else 2 if count == 1 else 3 if count == 2 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil in den letzten zwölf Monaten Zeit für {count} von "
        f"{len(RELATIONSHIP_WORK)} Arten der Beziehungsarbeit (Vernetzung, "
        "Moderation, Übersetzung, Beratung) erfasst wurde.",
        [
            Evidence(
                "Zeit für Beziehungsarbeit",
                reverse(
                    "learning:time", kwargs={"municipality_slug": municipality.slug}
                ),
            )
        ],
    )


register("r10.time", relationship_time, source="learning")

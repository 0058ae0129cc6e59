"""Quartiers-Check suggestion from the stories (core/check_suggestions.py): R8
stories from people's everyday life collected in the last year."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def collected_stories(municipality: Municipality) -> Suggestion | None:
    from quartier.stories.models import Story

    stories = Story.objects.filter(municipality=municipality).public()
    if not stories.exists():
        return None
    since = timezone.now() - datetime.timedelta(days=365)
    count = stories.filter(created_at__gte=since).count()
    value = 1 if count == 0 else 2 if count < 3 else 3 if count < 10 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil in den letzten zwölf Monaten {count} Geschichten "
        "veröffentlicht wurden (ab 3 / 10 eine Stufe höher).",
        [
            Evidence(
                "Geschichten",
                reverse(
                    "stories:list", kwargs={"municipality_slug": municipality.slug}
                ),
            )
        ],
    )


register("r8.stories", collected_stories, source="stories")

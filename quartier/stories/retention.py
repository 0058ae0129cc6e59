"""Retention rules of stories (core/retention.py): guest e-mail addresses nobody
confirmed, and stories the moderation rejected."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import ANONYMISE, Rule
from quartier.core.retention import register as register_rule
from quartier.stories.models import Moderation, Story


def unconfirmed_emails(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    return Story.objects.filter(
        municipality=municipality,
        email_confirmed_at__isnull=True,
        created_at__lt=cutoff,
    ).exclude(author_email="")


def rejected_stories(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    return Story.objects.filter(
        municipality=municipality,
        moderation=Moderation.REJECTED,
        updated_at__lt=cutoff,
    )


def register() -> None:
    register_rule(
        Rule(
            key="stories.unconfirmed_email",
            label=_("Unconfirmed guest e-mail addresses of stories"),
            default_days=30,
            min_days=7,
            max_days=90,
            rows=unconfirmed_emails,
            action=ANONYMISE,
            blank={"author_email": ""},
        )
    )
    register_rule(
        Rule(
            key="stories.rejected_story",
            label=_("Stories rejected by the moderation"),
            default_days=180,
            min_days=30,
            max_days=730,
            rows=rejected_stories,
        )
    )

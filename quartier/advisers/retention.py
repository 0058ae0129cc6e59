"""Retention rule of the Fachberatung (core/retention.py): the log of what advisers
opened names an adviser's account; it is kept one year by default, long enough for
the municipality to review a year of accompaniment, and then deleted."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.advisers.models import AdviserView
from quartier.core.models import Municipality
from quartier.core.retention import Rule
from quartier.core.retention import register as register_rule


def old_views(municipality: Municipality | None, cutoff: datetime.datetime) -> QuerySet:
    return AdviserView.objects.filter(municipality=municipality, viewed_at__lt=cutoff)


def register() -> None:
    register_rule(
        Rule(
            key="advisers.view_log",
            label=_("Log of what advisers opened"),
            default_days=365,
            min_days=90,
            max_days=1095,
            rows=old_views,
        )
    )

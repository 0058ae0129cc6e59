"""Retention rule of the accessibility feedback (core/retention.py): the reporter's
name and e-mail address are blanked a year after the answer; the report itself and
the answer stay for the municipality's monitoring of its barriers."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import ANONYMISE, Rule
from quartier.core.retention import register as register_rule
from quartier.legal.models import AccessibilityFeedback


def answered_feedback(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    return AccessibilityFeedback.objects.filter(
        municipality=municipality,
        status=AccessibilityFeedback.Status.ANSWERED,
        answered_at__lt=cutoff,
    ).exclude(Q(name="") & Q(email=""))


def register() -> None:
    register_rule(
        Rule(
            key="legal.feedback_contact",
            label=_("Names and e-mail addresses in answered accessibility feedback"),
            default_days=365,
            min_days=30,
            max_days=1095,
            rows=answered_feedback,
            action=ANONYMISE,
            blank={"name": "", "email": ""},
        )
    )

"""Retention rules of participation (core/retention.py): guest e-mail addresses
nobody confirmed, unconfirmed supports, contributions the moderation rejected."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import ANONYMISE, Rule
from quartier.core.retention import register as register_rule
from quartier.participation.models import Contribution, Moderation, Support


def unconfirmed_emails(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    return Contribution.objects.filter(
        municipality=municipality,
        email_confirmed_at__isnull=True,
        created_at__lt=cutoff,
    ).exclude(author_email="")


def unconfirmed_supports(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    return Support.objects.filter(
        contribution__municipality=municipality,
        user__isnull=True,
        confirmed_at__isnull=True,
        created_at__lt=cutoff,
    )


def rejected_contributions(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    return Contribution.objects.filter(
        municipality=municipality,
        moderation=Moderation.REJECTED,
        updated_at__lt=cutoff,
    )


def register() -> None:
    register_rule(
        Rule(
            key="participation.unconfirmed_email",
            label=_("Unconfirmed guest e-mail addresses of contributions"),
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
            key="participation.unconfirmed_support",
            label=_("Unconfirmed supports by e-mail"),
            default_days=30,
            min_days=7,
            max_days=90,
            rows=unconfirmed_supports,
        )
    )
    register_rule(
        Rule(
            key="participation.rejected_contribution",
            label=_("Contributions rejected by the moderation"),
            default_days=180,
            min_days=30,
            max_days=730,
            rows=rejected_contributions,
        )
    )

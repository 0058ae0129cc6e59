"""What participation puts on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.participation.models import Contribution, Moderation, Support


def _received(contribution: Contribution) -> str:
    day = date_format(timezone.localtime(contribution.created_at), "SHORT_DATE_FORMAT")
    return gettext("received on %(day)s") % {"day": day}


def _contribution(contribution: Contribution) -> worklist.Entry:
    late = timezone.now() - datetime.timedelta(
        days=contribution.municipality.response_days
    )
    return worklist.Entry(
        title=contribution.title,
        url=contribution.get_absolute_url(),
        note=_received(contribution),
        urgent=contribution.answered_at is None and contribution.created_at < late,
    )


def _of(municipality: Municipality) -> QuerySet[Contribution]:
    return Contribution.objects.of(municipality).select_related("municipality")


def to_answer(user: Any, municipality: Municipality) -> QuerySet[Contribution]:
    """The inbox: published contributions without a public answer, oldest first."""
    return (
        _of(municipality)
        .filter(answered_at__isnull=True, moderation=Moderation.APPROVED)
        .order_by("created_at", "id")
    )


def to_moderate(user: Any, municipality: Municipality) -> QuerySet[Contribution]:
    """Waiting for release, and hidden after reports (those first)."""
    hidden = Q(is_hidden=True) & ~Q(moderation=Moderation.REJECTED)
    return (
        _of(municipality)
        .filter(Q(moderation=Moderation.PENDING) | hidden)
        .order_by("-is_hidden", "created_at", "id")
    )


def _mine(user: Any, municipality: Municipality) -> QuerySet[Contribution]:
    return _of(municipality).filter(author=user).order_by("-created_at", "-id")


def _supported(user: Any, municipality: Municipality) -> QuerySet[Support]:
    return (
        Support.objects.filter(user=user, contribution__municipality=municipality)
        .select_related("contribution__municipality")
        .order_by("-id")
    )


def _support(support: Support) -> worklist.Entry:
    return dataclasses.replace(
        _contribution(support.contribution), note=gettext("supported"), urgent=False
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="participation.to_answer",
            label=_("Contributions waiting for an answer"),
            audience=worklist.WORK,
            perm="participation.view_moderation",
            rows=to_answer,
            entry=_contribution,
            url_name="participation:moderation",
            empty=_("Every contribution has an answer."),
            order=10,
        ),
        worklist.Queue(
            key="participation.to_moderate",
            label=_("Contributions to release or check after reports"),
            audience=worklist.WORK,
            perm="participation.view_moderation",
            rows=to_moderate,
            entry=_contribution,
            url_name="participation:moderation",
            empty=_("Nothing waits for moderation."),
            order=11,
        ),
        worklist.Queue(
            key="participation.mine",
            label=_("My contributions"),
            audience=worklist.MINE,
            rows=_mine,
            entry=_contribution,
            url_name="participation:list",
            empty=_("You have not written a contribution yet."),
            order=10,
        ),
        worklist.Queue(
            key="participation.supported",
            label=_("Contributions I support"),
            audience=worklist.MINE,
            rows=_supported,
            entry=_support,
            url_name="participation:list",
            empty=_("You do not support a contribution yet."),
            order=11,
        ),
    )

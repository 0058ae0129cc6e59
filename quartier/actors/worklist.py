"""What actors put on “Meine Übersicht” (core/worklist.py): ties proposed to the
organisations a person acts for, waiting for their confirmation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Tie
from quartier.core import worklist
from quartier.core.models import Municipality


def _proposal(tie: Tie) -> worklist.Entry:
    return worklist.Entry(
        title=_("%(source)s proposes a tie with %(target)s")
        % {"source": tie.source.name, "target": tie.target.name},
        url=tie.target.get_absolute_url() + "#proposals",
        note=date_format(tie.created_at, "SHORT_DATE_FORMAT"),
    )


def proposals(user: Any, municipality: Municipality) -> QuerySet[Tie]:
    """Proposals to the actors the person acts for, not made by the person, the
    oldest first."""
    return (
        Tie.objects.of(municipality)
        .proposed()
        .filter(target__members=user, target__archived_at__isnull=True)
        .exclude(proposed_by=user)
        .select_related("source", "target__municipality")
        .distinct()
        .order_by("created_at", "id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="actors.tie_proposals",
            label=_("Ties to confirm"),
            audience=worklist.WORK,
            perm="actors.confirm_ties",
            rows=proposals,
            entry=_proposal,
            empty=_("No proposed tie is waiting for your organisation."),
            order=15,
        ),
    )

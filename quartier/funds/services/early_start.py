"""The early start (vorzeitiger Maßnahmebeginn): an applicant who must begin before
the decision asks for it with a reason; the municipality allows or refuses it
(the same deciding role as the decision). Allowing it promises no grant."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.services import ensure_allowed, record_action
from quartier.funds.models import Application, EarlyStart
from quartier.funds.services.common import S

BEFORE_DECISION = (S.SUBMITTED, S.QUESTIONS, S.COMPLETE)


@transaction.atomic
def early_start_decide(
    *, by: Any, application: Application, grant: bool
) -> Application:
    """Allow or refuse the requested early start, once, before the decision."""
    ensure_allowed(by, "funds.decide", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.early_start_requested:
        raise ValidationError(_("This application does not ask for an early start."))
    if application.status not in BEFORE_DECISION:
        raise ValidationError(_("The early start is decided before the decision."))
    if application.early_start:
        raise ValidationError(_("The early start has already been decided."))
    application.early_start = EarlyStart.GRANTED if grant else EarlyStart.REFUSED
    application.early_start_decided_at = timezone.now()
    application.save(
        update_fields=["early_start", "early_start_decided_at", "updated_at"]
    )
    record_action(
        by,
        application.municipality,
        "funds.grant_early_start" if grant else "funds.refuse_early_start",
        application,
    )
    return application

"""Paper and assisted applications: a coordinator types in an application that
arrived on paper or was taken down in a consultation, on behalf of a group or
person without an account (as contributions on paper are typed in).

The application's account is the recording coordinator's (they act for the
applicant on the platform: answer questions, list receipts); the contact person is
named and gets the decision letter by post. Because the recorder acts for the
applicant, the conflict rule treats them as the applicant: another person
pre-checks and decides (rules.conflict_reason).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.services import ensure_allowed, record_action
from quartier.funds.models import ZERO, Application, Call, Channel, CostLine
from quartier.funds.services.applications import (
    APPLICATION_FIELDS,
    _check_applicant,
    _clean_lines,
    call_closed_reason,
    submission_problems,
)
from quartier.funds.services.common import S

ASSISTED_CHANNELS = (Channel.PAPER, Channel.CONSULTATION)


@transaction.atomic
def application_record(
    *,
    by: Any,
    call: Call,
    channel: str,
    contact_name: str,
    contact_address: str = "",
    contact_phone: str = "",
    received_on: datetime.date | None = None,
    cost_lines: Sequence[tuple[str, Any]] = (),
    **fields: Any,
) -> Application:
    """Record a complete application received on paper or in a consultation on
    `received_on` (default today), and submit it at once: the same checks as an
    online submission, the call's period counted on the day it was received."""
    ensure_allowed(by, "funds.record_application", call)
    unknown = set(fields) - (set(APPLICATION_FIELDS) - {"actor"})
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    if channel not in ASSISTED_CHANNELS:
        raise ValidationError({"channel": _("Please say how the application came in.")})
    contact_name = (contact_name or "").strip()
    if not contact_name:
        raise ValidationError(
            {"contact_name": _("Please name the person who applied.")}
        )
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError(
            {"received_on": _("The day of receipt cannot be in the future.")}
        )
    reason = call_closed_reason(call, today=received_on)
    if reason:
        raise ValidationError({"received_on": reason})
    application = Application(
        municipality=call.municipality,
        call=call,
        applicant=by,
        channel=channel,
        contact_name=contact_name[:200],
        contact_address=(contact_address or "").strip(),
        contact_phone=(contact_phone or "").strip()[:40],
    )
    lines = _clean_lines(cost_lines)
    for name, value in fields.items():
        setattr(application, name, value)
    application.own_contribution = application.own_contribution or ZERO
    if not (application.title or "").strip():
        raise ValidationError({"title": _("Please give the project a title.")})
    _check_applicant(by, call, None, application.group_name)
    if (
        application.neighborhood is not None
        and application.neighborhood.municipality_id != call.municipality_id
    ):
        raise ValidationError({"neighborhood": _("Unknown neighbourhood.")})
    application.full_clean(exclude=["call", "applicant", "municipality"])
    application.save()
    CostLine.objects.bulk_create(
        CostLine(application=application, position=i, item=item, amount=amount)
        for i, (item, amount) in enumerate(lines)
    )
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    application.status = S.SUBMITTED
    application.submitted_at = (
        timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
        if received_on != today
        else timezone.now()
    )
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    record_action(by, call.municipality, "funds.record_application", application)
    return application

"""Applications from draft to submission, the pre-check and withdrawal."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.funds.models import (
    EDITABLE,
    ZERO,
    Application,
    Call,
    CostLine,
    Fund,
    FundStatus,
)
from quartier.funds.money import euro
from quartier.funds.services.common import (
    S,
    _coordination_address,
    _link,
    _release,
)


def _clean_lines(lines: Iterable[tuple[str, Any]]) -> list[tuple[str, Decimal]]:
    """Cost lines without the blank rows; a row with only one half is an error."""
    cleaned = []
    for number, (item, amount) in enumerate(lines, start=1):
        item = (item or "").strip()
        if not item and amount in (None, ""):
            continue
        if not item or amount in (None, ""):
            raise ValidationError(
                {
                    "cost_lines": _(
                        "Row %(row)d of the cost plan needs both an item and an amount."
                    )
                    % {"row": number}
                }
            )
        amount = Decimal(amount)
        if amount < 0:
            raise ValidationError(
                {"cost_lines": _("Amounts in the cost plan cannot be negative.")}
            )
        cleaned.append((item[:200], amount))
    return cleaned


def _check_applicant(by: Any, call: Call, actor: Any, group_name: str) -> None:
    if actor is not None:
        if (
            actor.municipality_id != call.municipality_id
            or not actor.members.filter(pk=by.pk).exists()
        ):
            raise ValidationError(
                {"actor": _("You can only apply for an organisation you act for.")}
            )
        if not call.organisations_may_apply:
            raise ValidationError(
                {"actor": _("Registered organisations cannot apply in this call.")}
            )
    elif group_name:
        if not call.groups_may_apply:
            raise ValidationError(
                {"group_name": _("Groups cannot apply in this call.")}
            )
    elif not call.persons_may_apply:
        raise ValidationError(
            {
                "group_name": _(
                    "In this call only groups or organisations can apply: please "
                    "name yours."
                )
            }
        )


def call_closed_reason(call: Call, today: datetime.date | None = None) -> str:
    """Why nobody can apply in `call` right now ("" when they can)."""
    today = today or timezone.localdate()
    if call.fund.status != FundStatus.OPEN:
        return _("The fund does not take applications at the moment.")
    if today < call.opens_on:
        return _("The call opens on %(day)s.") % {
            "day": call.opens_on.strftime("%d.%m.%Y")
        }
    if today > call.closes_on:
        return _("The call closed on %(day)s.") % {
            "day": call.closes_on.strftime("%d.%m.%Y")
        }
    return ""


APPLICATION_FIELDS = (
    "actor",
    "group_name",
    "show_name",
    "title",
    "what",
    "for_whom",
    "neighborhood",
    "place",
    "starts_on",
    "ends_on",
    "health_benefit",
    "own_contribution",
    "requested_amount",
    "not_started",
    "early_start_requested",
    "early_start_reason",
    "not_funded_elsewhere",
    "other_funding",
)


@transaction.atomic
def application_save(
    *,
    by: Any,
    call: Call | None = None,
    application: Application | None = None,
    cost_lines: Sequence[tuple[str, Any]] = (),
    **fields: Any,
) -> Application:
    """Save an application as a draft (new, or one that is a draft or has questions
    back). Partial data is fine here; `application_submit` checks it all."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    if application is None:
        if call is None:
            raise TypeError("call or application is required")
        ensure_allowed(by, "funds.apply", call)
        reason = call_closed_reason(call)
        if reason:
            raise ValidationError(reason)
        application = Application(
            municipality=call.municipality, call=call, applicant=by
        )
    else:
        ensure_allowed(by, "funds.change_application", application)
        call = application.call
    lines = _clean_lines(cost_lines)
    for name, value in fields.items():
        setattr(application, name, value)
    application.own_contribution = application.own_contribution or ZERO
    if not (application.title or "").strip():
        raise ValidationError({"title": _("Please give your project a title.")})
    _check_applicant(by, call, application.actor, application.group_name)
    if (
        application.neighborhood is not None
        and application.neighborhood.municipality_id != call.municipality_id
    ):
        raise ValidationError({"neighborhood": _("Unknown neighbourhood.")})
    application.full_clean(exclude=["call", "applicant", "municipality"])
    application.save()
    application.cost_lines.all().delete()
    CostLine.objects.bulk_create(
        CostLine(application=application, position=i, item=item, amount=amount)
        for i, (item, amount) in enumerate(lines)
    )
    return application


def total_cost(application: Application) -> Decimal:
    return sum((line.amount for line in application.cost_lines.all()), ZERO)


def _date_problems(application: Application) -> dict[str, str]:
    """Dates that make no sense at submission: the field rules of Application.clean
    (end before start, before the call, too far ahead), a project that has already
    ended, and — when it is first submitted — one that has already started (no
    grant for a project begun before the application)."""
    problems: dict[str, str] = {}
    try:
        application.clean()
    except ValidationError as exc:
        problems.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    today = timezone.localdate()
    start, end = application.starts_on, application.ends_on
    if end and end < today:
        problems.setdefault("ends_on", _("The project has already ended."))
    if start and start < today and application.status == S.DRAFT:
        problems.setdefault("starts_on", _("The start cannot be in the past."))
    return problems


def declaration_problems(application: Application) -> dict[str, str]:
    """The two declarations a submission needs: the project has not started (or an
    early start is requested, with a reason), and it is not funded twice (or the
    other funding is listed)."""
    problems: dict[str, str] = {}
    reason = (application.early_start_reason or "").strip()
    if not application.not_started and not application.early_start_requested:
        problems["not_started"] = _(
            "Please confirm that the project has not started yet, or ask for an "
            "early start."
        )
    if application.early_start_requested and not reason:
        problems["early_start_reason"] = _(
            "Please say why the project must start before the decision."
        )
    other = (application.other_funding or "").strip()
    if not application.not_funded_elsewhere and not other:
        problems["not_funded_elsewhere"] = _(
            "Please confirm that there is no other funding for the same purpose, or "
            "list it."
        )
    if application.not_funded_elsewhere and other:
        problems["other_funding"] = _(
            "You confirmed that there is no other funding: please remove the tick "
            "or this entry."
        )
    return problems


def submission_problems(application: Application) -> dict[str, str]:
    """What is missing before `application` can be submitted, by field."""
    problems: dict[str, str] = declaration_problems(application)
    required = {
        "what": _("Please describe what you plan."),
        "for_whom": _("Please say for whom the project is."),
        "health_benefit": _("Please say how the project helps health."),
        "starts_on": _("Please say when the project takes place."),
    }
    for name, message in required.items():
        if not getattr(application, name):
            problems[name] = message
    if application.neighborhood_id is None and not application.place.strip():
        problems["place"] = _("Please say where the project takes place.")
    problems.update(_date_problems(application))
    total = total_cost(application)
    call = application.call
    if total <= 0:
        problems["cost_lines"] = _(
            "Please list what the project costs: at least one row with item and amount."
        )
    requested = application.requested_amount
    if requested is None:
        problems["requested_amount"] = _("Please say how much you ask for.")
    elif total > 0 and requested > total - application.own_contribution:
        problems["requested_amount"] = _(
            "You can ask for at most the costs minus your own contribution: "
            "%(total)s − %(own)s = %(max)s."
        ) % {
            "total": euro(total),
            "own": euro(application.own_contribution),
            "max": euro(max(total - application.own_contribution, ZERO)),
        }
    elif requested > call.max_amount:
        problems["requested_amount"] = _(
            "This call grants at most %(max)s per application."
        ) % {"max": euro(call.max_amount)}
    return problems


@transaction.atomic
def application_submit(*, by: Any, application: Application) -> Application:
    """Submit a draft, or resubmit after questions; both the applicant and the
    coordination get an e-mail."""
    ensure_allowed(by, "funds.change_application", application)
    application = (
        Application.objects.select_for_update()
        .select_related("call__fund__municipality")
        .get(pk=application.pk)
    )
    if application.status not in EDITABLE:
        raise ValidationError(_("This application has already been submitted."))
    if application.status == S.DRAFT:
        reason = call_closed_reason(application.call)
        if reason:
            raise ValidationError(reason)
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    resubmitted = application.status == S.QUESTIONS
    application.status = S.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    context = {
        "application": application,
        "name": by.public_name,
        "link": _link(application),
        "resubmitted": resubmitted,
        "total": euro(total_cost(application)),
        "requested": euro(application.requested_amount),
    }
    queue_email(
        to=by.email,
        subject=lazy_subject(
            gettext_lazy("Your application “%(title)s” has arrived"),
            title=application.title,
        ),
        template="funds/email/submitted.txt",
        context=context,
    )
    address = _coordination_address(application.call.fund)
    if address:
        subject = lazy_subject(
            gettext_lazy("Application answered: %(title)s")
            if resubmitted
            else gettext_lazy("New application: %(title)s"),
            title=application.title,
        )
        queue_email(
            to=address,
            subject=subject,
            template="funds/email/new_application.txt",
            context=context,
        )
    return application


@transaction.atomic
def application_precheck(
    *, by: Any, application: Application, complete: bool, message: str = ""
) -> Application:
    """The coordination's pre-check: complete (the jury may vote), or questions back
    to the applicant (with a message, sent by e-mail)."""
    ensure_allowed(by, "funds.precheck_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != S.SUBMITTED:
        raise ValidationError(_("Only submitted applications can be pre-checked."))
    message = (message or "").strip()
    if complete:
        application.status = S.COMPLETE
        application.voting_open = True
    else:
        if not message:
            raise ValidationError(
                {"message": _("Please write down your questions for the applicant.")}
            )
        application.status = S.QUESTIONS
        application.precheck_message = message
        queue_email(
            to=application.applicant.email,
            subject=lazy_subject(
                gettext_lazy("Questions about your application “%(title)s”"),
                title=application.title,
            ),
            template="funds/email/questions.txt",
            context={
                "application": application,
                "name": application.applicant.public_name,
                "message": message,
                "link": _link(application),
            },
        )
    application.save()
    record_action(
        by,
        application.municipality,
        "funds.precheck_complete" if complete else "funds.precheck_questions",
        application,
    )
    return application


@transaction.atomic
def application_withdraw(*, by: Any, application: Application) -> Application:
    """The applicant withdraws; an approved grant without payouts goes back into the
    fund."""
    ensure_allowed(by, "funds.withdraw_application", application)
    fund = Fund.objects.select_for_update().get(pk=application.call.fund_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    allowed = (S.DRAFT, S.SUBMITTED, S.QUESTIONS, S.COMPLETE, S.APPROVED)
    if application.status not in allowed or application.payouts.exists():
        raise ValidationError(_("This application can no longer be withdrawn."))
    _release(fund, application.commitment)
    application.status = S.WITHDRAWN
    application.approved_amount = None
    application.voting_open = False
    application.save()
    return application

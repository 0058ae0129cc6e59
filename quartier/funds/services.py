"""Writes of the funds app: funds and juries, calls, applications from draft to
closing, conflicts of interest, votes, decisions, payouts and proofs of use.

Money rule: every service that changes what an application holds of its fund's
budget first locks the fund row (`select_for_update`; on SQLite the IMMEDIATE
transaction serialises writers), then the application row, and changes
`Fund.committed` in the same transaction. The CheckConstraint on Fund keeps
0 <= committed <= budget in the database as well, so two simultaneous approvals
can never overspend the fund.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.models import Municipality
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import queue_email
from quartier.funds.images import reencode_photo
from quartier.funds.models import (
    COMMITTING,
    EDITABLE,
    ZERO,
    Application,
    ApplicationStatus,
    Call,
    ConflictOfInterest,
    CostLine,
    DecisionHow,
    Fund,
    FundStatus,
    GrantReport,
    JuryMember,
    Payout,
    ReportPhoto,
    Vote,
    VoteChoice,
)
from quartier.funds.money import euro
from quartier.funds.voting import Result, tally

REPORT_WEEKS = 8
COST_LINES = 8

S = ApplicationStatus


def _link(obj: Any) -> str:
    return settings.SITE_URL.rstrip("/") + obj.get_absolute_url()


def _coordination_address(fund: Fund) -> str:
    return fund.contact_email or fund.municipality.contact_email


# --- Funds, juries and calls -------------------------------------------------------


@transaction.atomic
def fund_save(
    *, by: Any, municipality: Municipality, fund: Fund | None = None, **fields: Any
) -> Fund:
    """Create or change a fund (admins: they own funds, juries and budgets). The
    budget can never drop below what is already committed."""
    if fund is None:
        ensure_allowed(by, "funds.add_fund", municipality)
        fund = Fund(municipality=municipality)
    else:
        ensure_allowed(by, "funds.change_fund", fund)
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if "rules" in fields:
        fields["rules"] = clean_html(fields["rules"])
    for name, value in fields.items():
        setattr(fund, name, value)
    budget = fund.budget if fund.budget is not None else ZERO
    if budget < fund.committed:
        raise ValidationError(
            {
                "budget": _(
                    "%(committed)s are already approved; the budget cannot be smaller."
                )
                % {"committed": euro(fund.committed)}
            }
        )
    fund.full_clean()
    fund.save()
    record_action(by, municipality, "funds.save_fund", fund)
    return fund


@transaction.atomic
def jury_member_add(
    *, by: Any, fund: Fund, user: Any, role: str, voting: bool = True
) -> JuryMember:
    """Give `user` (a member of the municipality) a seat in the fund's jury."""
    ensure_allowed(by, "funds.manage_jury", fund)
    if user.role_in(fund.municipality) is None:
        raise ValidationError(
            {"user": _("Only members of the municipality can sit in the jury.")}
        )
    if JuryMember.objects.filter(fund=fund, user=user).exists():
        raise ValidationError({"user": _("This person already sits in the jury.")})
    member = JuryMember(fund=fund, user=user, role=role, voting=voting)
    member.full_clean()
    member.save()
    record_action(by, fund.municipality, "funds.add_jury_member", member)
    return member


@transaction.atomic
def jury_member_remove(*, by: Any, member: JuryMember) -> None:
    ensure_allowed(by, "funds.manage_jury", member.fund)
    record_action(by, member.fund.municipality, "funds.remove_jury_member", member)
    member.delete()


@transaction.atomic
def call_save(*, by: Any, fund: Fund, call: Call | None = None, **fields: Any) -> Call:
    """Create or change a call of `fund` (coordinators)."""
    if call is None:
        ensure_allowed(by, "funds.add_call", fund)
        call = Call(municipality=fund.municipality, fund=fund)
    else:
        ensure_allowed(by, "funds.change_call", call)
    if "text" in fields:
        fields["text"] = clean_html(fields["text"])
    for name, value in fields.items():
        setattr(call, name, value)
    if call.max_amount is not None and call.max_amount > fund.max_per_project:
        raise ValidationError(
            {
                "max_amount": _("The fund allows at most %(max)s per project.")
                % {"max": euro(fund.max_per_project)}
            }
        )
    call.full_clean()
    call.save()
    record_action(by, fund.municipality, "funds.save_call", call)
    return call


# --- Applications ------------------------------------------------------------------


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


def submission_problems(application: Application) -> dict[str, str]:
    """What is missing before `application` can be submitted, by field."""
    problems: dict[str, str] = {}
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
    if (
        application.starts_on
        and application.ends_on
        and application.ends_on < application.starts_on
    ):
        problems["ends_on"] = _("The end cannot be before the start.")
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
        subject=_("Your application “%(title)s” has arrived")
        % {"title": application.title},
        template="funds/email/submitted.txt",
        context=context,
    )
    address = _coordination_address(application.call.fund)
    if address:
        subject = (
            _("Application answered: %(title)s")
            if resubmitted
            else _("New application: %(title)s")
        )
        queue_email(
            to=address,
            subject=subject % {"title": application.title},
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
            subject=_("Questions about your application “%(title)s”")
            % {"title": application.title},
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
    if application.status not in allowed or application.paid_total > 0:
        raise ValidationError(_("This application can no longer be withdrawn."))
    _release(fund, application.commitment)
    application.status = S.WITHDRAWN
    application.approved_amount = None
    application.voting_open = False
    application.save()
    return application


# --- The jury ------------------------------------------------------------------------


def entitled_voters(application: Application) -> int:
    """Voting jury members without a declared conflict for this application."""
    return (
        JuryMember.objects.filter(fund_id=application.call.fund_id, voting=True)
        .exclude(conflicts__application=application)
        .count()
    )


def jury_result(application: Application) -> Result:
    fund = application.call.fund
    choices = list(
        Vote.objects.filter(application=application)
        .exclude(member__conflicts__application=application)
        .values_list("choice", flat=True)
    )
    return tally(
        choices,
        quorum=fund.quorum,
        rule=fund.majority_rule,
        entitled=entitled_voters(application),
    )


@transaction.atomic
def conflict_declare(
    *, by: Any, application: Application, note: str = ""
) -> ConflictOfInterest:
    """A jury member declares a conflict of interest; a vote they gave before is
    removed, and from now on they neither vote on nor see the votes of this
    application."""
    ensure_allowed(by, "funds.declare_conflict", application)
    member = JuryMember.objects.get(fund_id=application.call.fund_id, user=by)
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        application=application,
        member=member,
        defaults={"note": (note or "").strip()[:300]},
    )
    Vote.objects.filter(application=application, member=member).delete()
    return conflict


@transaction.atomic
def vote_cast(
    *, by: Any, application: Application, choice: str, comment: str = ""
) -> Vote:
    """Vote yes/no/abstain (one vote per member; voting again changes it) while the
    application is with the jury and the voting is open."""
    ensure_allowed(by, "funds.vote", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != S.COMPLETE or not application.voting_open:
        raise ValidationError(_("The jury is not voting on this application."))
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Please choose yes, no or abstain.")})
    member = JuryMember.objects.get(fund_id=application.call.fund_id, user=by)
    vote, _created = Vote.objects.update_or_create(
        application=application,
        member=member,
        defaults={"choice": choice, "comment": (comment or "").strip()},
    )
    return vote


# --- Money ---------------------------------------------------------------------------


def _lock(application: Application) -> tuple[Fund, Application]:
    """Lock the fund first, then the application (always in this order)."""
    fund = (
        Fund.objects.select_for_update()
        .select_related("municipality")
        .get(pk=application.call.fund_id)
    )
    locked = (
        Application.objects.select_for_update()
        .select_related("applicant")
        .get(pk=application.pk)
    )
    return fund, locked


def _release(fund: Fund, amount: Decimal) -> None:
    if amount:
        Fund.objects.filter(pk=fund.pk).update(committed=F("committed") - amount)
        fund.refresh_from_db(fields=["committed"])


@transaction.atomic
def grant_decide(
    *,
    by: Any,
    application: Application,
    approve: bool,
    how: str,
    rationale: str,
    amount: Decimal | None = None,
    conditions: str = "",
) -> Application:
    """Record the decision: the jury's result (`how="jury"`), or the coordination's
    own decision on a request up to the fund's solo limit (`how="solo"`).

    An approved amount is never more than requested, than the fund's maximum per
    project, or than what is left in the fund.
    """
    ensure_allowed(by, "funds.decide", application)
    fund, application = _lock(application)
    if application.status != S.COMPLETE:
        raise ValidationError(_("Only pre-checked applications can be decided."))
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": _("Please give the reasons.")})
    requested = application.requested_amount or ZERO
    if how == DecisionHow.SOLO:
        if requested > fund.solo_limit:
            raise ValidationError(
                {
                    "how": _(
                        "The coordination may decide alone only up to %(limit)s; "
                        "this request goes to the jury."
                    )
                    % {"limit": euro(fund.solo_limit)}
                }
            )
    elif how == DecisionHow.JURY:
        result = jury_result(application)
        if not result.quorum_reached:
            raise ValidationError({"how": result.explanation})
        if result.approved != approve:
            raise ValidationError({"how": result.explanation})
    else:
        raise ValidationError({"how": _("Please say who decided.")})
    if approve:
        if amount is None or amount <= 0:
            raise ValidationError({"amount": _("Please enter the approved amount.")})
        limits = [
            (requested, _("more than requested (%(max)s)")),
            (
                fund.max_per_project,
                _("more than the fund allows per project (%(max)s)"),
            ),
            (fund.available, _("more than is left in the fund (%(max)s)")),
        ]
        for limit, message in limits:
            if amount > limit:
                raise ValidationError(
                    {
                        "amount": _("The amount cannot be %(what)s.")
                        % {"what": message % {"max": euro(limit)}}
                    }
                )
        # The database constraint is the last line: committed <= budget.
        Fund.objects.filter(pk=fund.pk).update(committed=F("committed") + amount)
        application.status = S.APPROVED
        application.approved_amount = amount
        start = application.ends_on or application.starts_on or timezone.localdate()
        application.report_due_on = start + datetime.timedelta(weeks=REPORT_WEEKS)
    else:
        application.status = S.REJECTED
        application.approved_amount = None
    application.rationale = rationale
    application.conditions = (conditions or "").strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decided_how = how
    application.voting_open = False
    application.save()
    record_action(
        by,
        fund.municipality,
        "funds.approve_grant" if approve else "funds.reject_grant",
        application,
    )
    queue_email(
        to=application.applicant.email,
        subject=_("Decision on your application “%(title)s”")
        % {"title": application.title},
        template="funds/email/decision.txt",
        context={
            "application": application,
            "name": application.applicant.public_name,
            "amount": euro(application.approved_amount),
            "link": _link(application),
        },
    )
    return application


@transaction.atomic
def grant_revoke(*, by: Any, application: Application, reason: str) -> Application:
    """Reverse an approval before anything was paid: the money goes back into the
    fund and the application counts as rejected."""
    ensure_allowed(by, "funds.decide", application)
    fund, application = _lock(application)
    if application.status != S.APPROVED or application.paid_total > 0:
        raise ValidationError(_("Only approved grants without payouts can be revoked."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reasons.")})
    _release(fund, application.commitment)
    application.status = S.REJECTED
    application.approved_amount = None
    application.rationale = (
        f"{application.rationale}\n\n{_('Revoked:')} {reason}".strip()
    )
    application.report_due_on = None
    application.save()
    record_action(by, fund.municipality, "funds.revoke_grant", application)
    return application


@transaction.atomic
def payout_record(
    *,
    by: Any,
    application: Application,
    amount: Decimal,
    paid_on: datetime.date | None = None,
    note: str = "",
) -> Payout:
    """Record a payout; all payouts together never exceed the approved amount."""
    ensure_allowed(by, "funds.pay_out", application)
    _fund, application = _lock(application)
    if application.status not in (S.APPROVED, S.PAID, S.REPORTED):
        raise ValidationError(_("Only approved grants can be paid out."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Please enter an amount above zero.")})
    left = (application.approved_amount or ZERO) - application.paid_total
    if amount > left:
        raise ValidationError(
            {
                "amount": _("At most %(left)s are left to pay out of this grant.")
                % {"left": euro(left)}
            }
        )
    payout = Payout.objects.create(
        application=application,
        amount=amount,
        paid_on=paid_on or timezone.localdate(),
        note=(note or "").strip()[:200],
        created_by=by,
    )
    application.paid_total += amount
    if application.status == S.APPROVED:
        application.status = S.PAID
    application.save(update_fields=["paid_total", "status", "updated_at"])
    record_action(by, application.municipality, "funds.pay_out", application)
    return payout


@transaction.atomic
def report_submit(
    *,
    by: Any,
    application: Application,
    what_happened: str,
    participants: int,
    receipts_total: Decimal,
    photos: Sequence[tuple[Any, str]] = (),
) -> GrantReport:
    """The applicant's proof of use, with photos (re-encoded, with a description)."""
    ensure_allowed(by, "funds.report", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (S.APPROVED, S.PAID):
        raise ValidationError(_("A proof of use is only due for approved grants."))
    if receipts_total is None or receipts_total < 0:
        raise ValidationError(
            {"receipts_total": _("Please enter the receipts' total.")}
        )
    if not (what_happened or "").strip():
        raise ValidationError({"what_happened": _("Please tell us what happened.")})
    pictures = []
    for number, (upload, alt_text) in enumerate(photos, start=1):
        if upload is None:
            continue
        if not (alt_text or "").strip():
            raise ValidationError(
                {f"alt_{number}": _("Please describe what the photo shows.")}
            )
        try:
            pictures.append((reencode_photo(upload), alt_text.strip()[:300]))
        except ValidationError as exc:
            raise ValidationError({f"photo_{number}": exc.messages}) from exc
    report = GrantReport.objects.create(
        application=application,
        what_happened=what_happened.strip(),
        participants=participants,
        receipts_total=receipts_total,
    )
    for content, alt_text in pictures:
        photo = ReportPhoto(report=report, alt_text=alt_text)
        photo.image.save(content.name, content, save=False)
        photo.save()
    application.status = S.REPORTED
    application.save(update_fields=["status", "updated_at"])
    return report


def money_back(application: Application) -> Decimal:
    """What flows back into the fund when the grant is closed: the approved amount
    minus what was both paid out and spent (receipts)."""
    report = getattr(application, "report", None)
    receipts = report.receipts_total if report is not None else ZERO
    used = min(application.paid_total, receipts)
    return (application.approved_amount or ZERO) - used


@transaction.atomic
def grant_close(*, by: Any, application: Application) -> Application:
    """Close a grant after its proof of use; money not used returns to the fund."""
    ensure_allowed(by, "funds.close_application", application)
    fund, application = _lock(application)
    if application.status != S.REPORTED:
        raise ValidationError(_("A grant is closed after its proof of use arrived."))
    returned = money_back(application)
    _release(fund, returned - application.returned_amount)
    application.returned_amount = returned
    application.status = S.CLOSED
    application.save(update_fields=["returned_amount", "status", "updated_at"])
    record_action(by, fund.municipality, "funds.close_grant", application)
    return application


def committed_total(fund: Fund) -> Decimal:
    """The sum of the open commitments, computed from the applications (the check
    for the denormalised Fund.committed)."""
    total = ZERO
    for app in Application.objects.filter(call__fund=fund, status__in=COMMITTING):
        total += app.commitment
    return total


# --- Reminders ----------------------------------------------------------------------


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind applicants whose proof of use is due within a week or overdue, once
    (idempotent: a second run sends nothing). Returns the number of e-mails."""
    today = today or timezone.localdate()
    due = Application.objects.filter(
        status__in=(S.APPROVED, S.PAID),
        report_reminded_at__isnull=True,
        report_due_on__lte=today + datetime.timedelta(days=7),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update()
                .select_related("applicant", "municipality")
                .get(pk=pk)
            )
            if application.report_reminded_at is not None:
                continue
            queue_email(
                to=application.applicant.email,
                subject=_("Proof of use due: %(title)s") % {"title": application.title},
                template="funds/email/report_reminder.txt",
                context={
                    "application": application,
                    "name": application.applicant.public_name,
                    "link": _link(application),
                },
            )
            application.report_reminded_at = timezone.now()
            application.save(update_fields=["report_reminded_at"])
            sent += 1
    return sent

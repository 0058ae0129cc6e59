"""Decisions, revoking, payouts, the proof of use, closing with the money back, and
the reminders. Every change of Fund.committed happens with the fund row locked."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.images import MB, clean_photo
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.funds.models import (
    COMMITTING,
    ZERO,
    Application,
    DecisionHow,
    Fund,
    GrantReport,
    Payout,
    Recommendation,
    ReportPhoto,
)
from quartier.funds.money import euro
from quartier.funds.services.common import (
    REPORT_WEEKS,
    S,
    _link,
    _lock,
    _release,
)
from quartier.funds.services.jury import jury_result

# Photos of a proof of use: larger than elsewhere, the long edge cut to 1600 pixels.
PHOTO_MAX_BYTES = 10 * MB


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
    deviation_reason: str = "",
) -> Application:
    """The municipality decides: a person with the deciding role (a coordinator who
    does not vote in the jury and is not conflicted), never the jury itself.

    `how="jury"`: the jury's votes are a recommendation (quorum reached); the
    decision records it and whether it was followed; departing from it needs
    `deviation_reason`. `how="solo"`: a request up to the fund's solo limit,
    decided without a recommendation.

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
    deviation_reason = (deviation_reason or "").strip()
    recommendation, counts, follows = "", "", None
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
        recommendation = (
            Recommendation.APPROVE if result.approved else Recommendation.REJECT
        )
        counts = result.counts_text
        follows = result.approved == approve
        if not follows and not deviation_reason:
            raise ValidationError(
                {
                    "deviation_reason": _(
                        "The decision departs from the jury's recommendation: "
                        "please give the reasons."
                    )
                }
            )
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
    application.recommendation = recommendation
    application.recommendation_counts = counts
    application.follows_recommendation = follows
    application.deviation_reason = deviation_reason if follows is False else ""
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
        subject=lazy_subject(
            gettext_lazy("Decision on your application “%(title)s”"),
            title=application.title,
        ),
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
    if application.status != S.APPROVED or application.payouts.exists():
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


def _pending_total(application: Application) -> Decimal:
    return sum((p.amount for p in application.payouts.filter(pending=True)), ZERO)


def _check_payout_date(application: Application, paid_on: datetime.date) -> None:
    today = timezone.localdate()
    if paid_on > today:
        raise ValidationError({"paid_on": _("A payout cannot be dated in the future.")})
    if application.decided_at is not None:
        decided = timezone.localdate(application.decided_at)
        if paid_on < decided:
            raise ValidationError(
                {
                    "paid_on": _(
                        "A payout cannot be dated before the decision (%(day)s)."
                    )
                    % {"day": date_format(decided, "SHORT_DATE_FORMAT")}
                }
            )


def _count_as_paid(application: Application, amount: Decimal) -> None:
    """Add a released payout to the application (its row is locked)."""
    application.paid_total += amount
    if application.status == S.APPROVED:
        application.status = S.PAID
    application.save(update_fields=["paid_total", "status", "updated_at"])


@transaction.atomic
def payout_record(
    *,
    by: Any,
    application: Application,
    amount: Decimal,
    paid_on: datetime.date | None = None,
    note: str = "",
) -> Payout:
    """Record a payout; all payouts together (released and waiting) never exceed
    the approved amount. Under the fund's four-eyes rule the payout waits until a
    second person releases it (`payout_release`); otherwise it counts at once."""
    ensure_allowed(by, "funds.pay_out", application)
    fund, application = _lock(application)
    if application.status not in (S.APPROVED, S.PAID, S.REPORTED):
        raise ValidationError(_("Only approved grants can be paid out."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Please enter an amount above zero.")})
    paid_on = paid_on or timezone.localdate()
    _check_payout_date(application, paid_on)
    left = (
        (application.approved_amount or ZERO)
        - application.paid_total
        - _pending_total(application)
    )
    if amount > left:
        raise ValidationError(
            {
                "amount": _("At most %(left)s are left to pay out of this grant.")
                % {"left": euro(left)}
            }
        )
    four_eyes = fund.payout_four_eyes
    payout = Payout.objects.create(
        application=application,
        amount=amount,
        paid_on=paid_on,
        note=(note or "").strip()[:200],
        created_by=by,
        pending=four_eyes,
    )
    if not four_eyes:
        _count_as_paid(application, amount)
    record_action(
        by,
        application.municipality,
        "funds.record_payout" if four_eyes else "funds.pay_out",
        application,
    )
    return payout


def _locked_pending(application: Application, payout: Payout) -> Payout:
    locked = (
        Payout.objects.select_for_update()
        .filter(pk=payout.pk, application_id=application.pk)
        .first()
    )
    if locked is None or not locked.pending:
        raise ValidationError(_("This payout is not waiting for release."))
    return locked


@transaction.atomic
def payout_release(*, by: Any, application: Application, payout: Payout) -> Payout:
    """The second pair of eyes: release a payout that another person recorded.
    The person who recorded it can never release it (PermissionDenied; a
    CheckConstraint holds it in the database too)."""
    ensure_allowed(by, "funds.release_payout", application)
    _fund, application = _lock(application)
    payout = _locked_pending(application, payout)
    if payout.created_by_id == by.pk:
        raise PermissionDenied(
            _("A second person must release this payout: you recorded it.")
        )
    if application.status not in (S.APPROVED, S.PAID, S.REPORTED):
        raise ValidationError(_("Only approved grants can be paid out."))
    if application.paid_total + payout.amount > (application.approved_amount or ZERO):
        raise ValidationError(_("This payout would exceed the approved amount."))
    payout.pending = False
    payout.confirmed_by = by
    payout.confirmed_at = timezone.now()
    payout.save(update_fields=["pending", "confirmed_by", "confirmed_at"])
    _count_as_paid(application, payout.amount)
    record_action(by, application.municipality, "funds.release_payout", application)
    return payout


@transaction.atomic
def payout_cancel(*, by: Any, application: Application, payout: Payout) -> None:
    """Cancel a payout that waits for release (e.g. a wrong amount)."""
    ensure_allowed(by, "funds.pay_out", application)
    _fund, application = _lock(application)
    payout = _locked_pending(application, payout)
    payout.delete()
    record_action(by, application.municipality, "funds.cancel_payout", application)


@transaction.atomic
def report_submit(
    *,
    by: Any,
    application: Application,
    what_happened: str,
    participants: int,
    receipts_total: Decimal | None = None,
    photos: Sequence[tuple[Any, str]] = (),
) -> GrantReport:
    """The applicant's proof of use, with photos (re-encoded, with a description).

    The receipts' total is the sum of the listed receipts (services.receipts);
    `receipts_total` is only taken when no receipt is listed (an older client)."""
    ensure_allowed(by, "funds.report", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (S.APPROVED, S.PAID):
        raise ValidationError(_("A proof of use is only due for approved grants."))
    if application.receipts.exists():
        receipts_total = application.receipts_sum
    elif receipts_total is None:
        raise ValidationError(
            _("Please list your receipts before you send the proof of use.")
        )
    if receipts_total < 0:
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
        cleaned = clean_photo(
            upload, max_bytes=PHOTO_MAX_BYTES, max_side=1600, field=f"photo_{number}"
        )
        pictures.append((cleaned, alt_text.strip()[:300]))
    report = GrantReport.objects.create(
        application=application,
        what_happened=what_happened.strip(),
        participants=participants,
        receipts_total=receipts_total,
    )
    for content, alt_text in pictures:
        report_photo = ReportPhoto(report=report, alt_text=alt_text)
        report_photo.image.save(content.name, content, save=False)
        report_photo.save()
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
    if application.payouts.filter(pending=True).exists():
        raise ValidationError(
            _("A payout still waits for release; release or cancel it first.")
        )
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
                subject=lazy_subject(
                    gettext_lazy("Proof of use due: %(title)s"),
                    title=application.title,
                ),
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

"""The receipts of a proof of use (Belegliste): the applicant lists each receipt
with date, purpose, amount and the file; the report's total is their sum."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from quartier.core.services import ensure_allowed
from quartier.funds.models import Application, EarlyStart, Receipt
from quartier.funds.services.common import S
from quartier.funds.uploads import clean_receipt

# Receipts are listed while the grant runs, before the proof of use is sent.
OPEN_FOR_RECEIPTS = (S.APPROVED, S.PAID)


def earliest_receipt_day(application: Application) -> datetime.date | None:
    """Spending counts from the approval on, or from an allowed early start."""
    if application.early_start == EarlyStart.GRANTED and (
        application.early_start_decided_at is not None
    ):
        return timezone.localdate(application.early_start_decided_at)
    if application.decided_at is not None:
        return timezone.localdate(application.decided_at)
    return None


@transaction.atomic
def receipt_add(
    *,
    by: Any,
    application: Application,
    paid_on: datetime.date | None,
    purpose: str,
    amount: Decimal | None,
    upload: Any,
) -> Receipt:
    """Add one receipt (PDF, or a photo re-encoded without metadata)."""
    ensure_allowed(by, "funds.report", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in OPEN_FOR_RECEIPTS:
        raise ValidationError(
            _("Receipts are listed while the grant runs, before the proof of use.")
        )
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("Please say what the money was for.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Please enter an amount above zero.")})
    if paid_on is None:
        raise ValidationError({"paid_on": _("Please enter the date of the receipt.")})
    if paid_on > timezone.localdate():
        raise ValidationError(
            {"paid_on": _("A receipt cannot be dated in the future.")}
        )
    earliest = earliest_receipt_day(application)
    if earliest is not None and paid_on < earliest:
        raise ValidationError(
            {
                "paid_on": _(
                    "Spending before %(day)s cannot be funded: the grant covers "
                    "costs from the approval (or an allowed early start) on."
                )
                % {"day": date_format(earliest, "SHORT_DATE_FORMAT")}
            }
        )
    if upload is None:
        raise ValidationError({"file": _("Please add the receipt as a PDF or photo.")})
    content = clean_receipt(upload, field="file")
    receipt = Receipt(
        application=application,
        paid_on=paid_on,
        purpose=purpose[:200],
        amount=amount,
    )
    receipt.file.save(content.name, content, save=False)
    receipt.save()
    return receipt


@transaction.atomic
def receipt_remove(*, by: Any, application: Application, receipt: Receipt) -> None:
    """Remove a receipt listed by mistake (only before the proof of use)."""
    ensure_allowed(by, "funds.report", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in OPEN_FOR_RECEIPTS:
        raise ValidationError(_("The proof of use has been sent: receipts stay."))
    locked = Receipt.objects.filter(pk=receipt.pk, application=application).first()
    if locked is None:
        raise ValidationError(_("Unknown receipt."))
    locked.delete()  # with its file

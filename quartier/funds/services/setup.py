"""Funds and their juries (admins), and calls (coordinators)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.core.models import Municipality
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.funds.models import (
    ZERO,
    Call,
    Fund,
    JuryMember,
)
from quartier.funds.money import euro
from quartier.funds.uploads import GUIDELINE_MAX_BYTES, clean_pdf


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
    for name in ("rules", "guideline_text"):
        if name in fields:
            fields[name] = clean_html(fields[name] or "")
    upload = fields.pop("guideline_file", None)
    if upload is False:  # "clear" ticked in the form
        fund.guideline_file = ""
    elif isinstance(upload, UploadedFile):
        content = clean_pdf(
            upload, max_bytes=GUIDELINE_MAX_BYTES, field="guideline_file"
        )
        fund.guideline_file.save(content.name, content, save=False)
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

"""Truth-table rows of the funds app (docs/permissions.md, "Quartiersfonds").

The world: an open fund with a call and a fund in preparation; the partner sits in
the open fund's jury; the resident has a draft, an application with the jury, and
an approved grant.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from quartier.core.tests.truth_table import Case, S, m
from quartier.funds.models import Payout, Receipt
from quartier.funds.tests.factories import (
    ApplicationFactory,
    CallFactory,
    FundFactory,
    JuryMemberFactory,
)


def extend_world(world):
    municipality = world["municipality"]
    fund = FundFactory(municipality=municipality, slug="tt-fonds")
    draft_fund = FundFactory(
        municipality=municipality, slug="tt-entwurf", status="draft"
    )
    call = CallFactory(fund=fund)
    JuryMemberFactory(fund=fund, user=world["partner"])
    resident = world["resident"]
    world["funds_fund"] = fund
    world["funds_draft_fund"] = draft_fund
    world["funds_call"] = call
    world["funds_jury_member"] = JuryMemberFactory(fund=fund, role="civil_society")
    world["funds_draft"] = ApplicationFactory(
        call=call, applicant=resident, status="draft", submitted_at=None
    )
    world["funds_complete"] = ApplicationFactory(
        call=call, applicant=resident, status="complete", voting_open=True
    )
    world["funds_approved"] = ApplicationFactory(
        call=call,
        applicant=resident,
        status="approved",
        approved_amount=Decimal("500"),
        rationale="Gut.",
        decided_at=timezone.now(),
        decided_how="jury",
        decided_by=world["coordinator"],
        report_due_on=timezone.localdate(),
    )
    fund.committed = Decimal("500")
    fund.payout_four_eyes = True
    fund.save()
    # Two receipts: one the applicant may remove, one whose file stays readable.
    for key in ("funds_receipt", "funds_receipt_kept"):
        receipt = Receipt(
            application=world["funds_approved"],
            paid_on=timezone.localdate(),
            purpose="Brot",
            amount=Decimal("10"),
        )
        receipt.file.save("beleg.pdf", ContentFile(b"%PDF-1.4 beleg"), save=False)
        receipt.save()
        world[key] = receipt
    # Recorded by the admin under the four-eyes rule: only another person releases.
    world["funds_pending_payout"] = Payout.objects.create(
        application=world["funds_approved"],
        amount=Decimal("100"),
        paid_on=timezone.localdate(),
        created_by=world["admin"],
        pending=True,
    )


def _fund(w):
    return {**m(w), "slug": w["funds_fund"].slug}


def _app(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def _receipt(key):
    return lambda w: {**m(w), "pk": w["funds_approved"].pk, "receipt_pk": w[key].pk}


def _payout(w):
    return {
        **m(w),
        "pk": w["funds_approved"].pk,
        "payout_pk": w["funds_pending_payout"].pk,
    }


ANYONE = S(200, 200, 200, 200, 200, 200)
MEMBERS = S(302, 200, 200, 200, 200, 403)
ADMIN_ONLY = S(302, 403, 403, 403, 200, 403)
COORDINATION = S(302, 403, 403, 200, 200, 403)

CASES = [
    Case("funds:list", ANYONE, kwargs=m),
    Case("funds:funded", ANYONE, kwargs=m),
    Case("funds:my_applications", MEMBERS, kwargs=m),
    Case("funds:jury", S(302, 403, 200, 200, 200, 403), kwargs=m),
    Case("funds:fund_new", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case("funds:fund", ANYONE, kwargs=_fund, label="open fund"),
    Case(
        "funds:fund",
        S(404, 404, 404, 200, 200, 404),
        kwargs=lambda w: {**m(w), "slug": w["funds_draft_fund"].slug},
        label="fund in preparation",
    ),
    Case("funds:fund_edit", ADMIN_ONLY, kwargs=_fund),
    Case("funds:jury_manage", ADMIN_ONLY, kwargs=_fund),
    Case(
        "funds:jury_remove",
        S(403, 403, 403, 403, 302, 403),
        "post",
        kwargs=lambda w: {**_fund(w), "member_pk": w["funds_jury_member"].pk},
    ),
    Case("funds:call_new", COORDINATION, kwargs=_fund),
    Case("funds:applications", COORDINATION, kwargs=_fund),
    Case("funds:csv", COORDINATION, kwargs=_fund),
    Case("funds:call", ANYONE, kwargs=_app("funds_call")),
    Case("funds:call_edit", COORDINATION, kwargs=_app("funds_call")),
    Case("funds:apply", MEMBERS, kwargs=_app("funds_call")),
    Case("funds:record", COORDINATION, kwargs=_app("funds_call")),
    Case(
        "funds:receipts", S(404, 200, 403, 200, 200, 404), kwargs=_app("funds_approved")
    ),
    Case(
        "funds:receipt_remove",
        S(404, 302, 403, 403, 403, 404),
        "post",
        kwargs=_receipt("funds_receipt"),
    ),
    Case(
        "funds:receipt_file",
        S(404, 200, 403, 200, 200, 404),
        kwargs=_receipt("funds_receipt_kept"),
    ),
    Case(
        "funds:early_start",
        S(404, 403, 403, 200, 200, 404),
        "post",
        kwargs=_app("funds_complete"),
        label="empty form shows errors",
    ),
    Case(
        "funds:application",
        S(404, 200, 404, 200, 200, 404),
        kwargs=_app("funds_draft"),
        label="draft",
    ),
    Case(
        "funds:application",
        S(404, 200, 200, 200, 200, 404),
        kwargs=_app("funds_complete"),
        label="with the jury",
    ),
    Case("funds:edit", S(404, 200, 404, 403, 403, 404), kwargs=_app("funds_draft")),
    Case(
        "funds:submit",
        S(404, 302, 404, 403, 403, 404),
        "post",
        kwargs=_app("funds_draft"),
        label="incomplete draft: back to the form",
    ),
    Case(
        "funds:withdraw",
        S(404, 302, 404, 403, 403, 404),
        "post",
        kwargs=_app("funds_draft"),
    ),
    Case(
        "funds:report", S(404, 200, 403, 403, 403, 404), kwargs=_app("funds_approved")
    ),
    Case(
        "funds:letter", S(404, 200, 403, 200, 200, 404), kwargs=_app("funds_approved")
    ),
    Case(
        "funds:precheck",
        S(404, 403, 403, 200, 200, 404),
        "post",
        kwargs=_app("funds_complete"),
        label="empty form shows errors",
    ),
    Case(
        "funds:conflict",
        S(404, 403, 302, 403, 403, 404),
        "post",
        kwargs=_app("funds_complete"),
    ),
    Case(
        "funds:vote",
        S(404, 403, 302, 403, 403, 404),
        "post",
        kwargs=_app("funds_complete"),
        data={"vote-choice": "yes"},
    ),
    Case(
        "funds:decide", S(404, 403, 403, 200, 200, 404), kwargs=_app("funds_complete")
    ),
    Case(
        "funds:revoke",
        S(404, 403, 403, 200, 200, 404),
        "post",
        kwargs=_app("funds_approved"),
        label="empty form shows errors",
    ),
    Case(
        "funds:payout",
        S(404, 403, 403, 200, 200, 404),
        "post",
        kwargs=_app("funds_approved"),
        label="empty form shows errors",
    ),
    Case(
        "funds:meeting",
        S(404, 403, 403, 200, 200, 404),
        kwargs=_app("funds_complete"),
    ),
    Case(
        "funds:payout_release",
        S(404, 403, 403, 302, 403, 404),
        "post",
        kwargs=_payout,
        label="recorded by the admin: only another person releases",
    ),
    Case(
        "funds:payout_cancel",
        S(404, 403, 403, 302, 302, 404),
        "post",
        kwargs=_payout,
    ),
    Case(
        "funds:close",
        S(404, 403, 403, 302, 302, 404),
        "post",
        kwargs=_app("funds_approved"),
        label="no proof of use yet: message",
    ),
]

"""Seeds the Quartiersfonds Sonnenberg from `data/funds.yaml` (DEMO-WORLD.md):
budget 15,000 €, at most 1,500 € per project, the coordination decides alone up to
300 €; a Vergabebeirat of seven; its guideline (Förderrichtlinie) and notice of legal
remedies; one call inside the budget year, and applications in every state from draft
to closed, with votes, a conflict of interest, the jury's recommendation and the
municipality's decision (once against it, with reasons), declarations, a request for
an early start, a paper application, payouts and proofs of use with receipts.

Rows are found by natural keys (fund slug, call title, application title) so that a
second run changes nothing. Money is written row by row here, not through the
services (no e-mails during the seed); `committed` is recomputed at the end from the
applications, exactly as the services keep it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from quartier.core.models import Neighborhood
from quartier.core.sanitize import clean_html
from quartier.demo import records
from quartier.funds.models import (
    Application,
    Call,
    ConflictOfInterest,
    CostLine,
    Fund,
    GrantReport,
    JuryMember,
    Payout,
    Receipt,
    Vote,
)
from quartier.funds.services import committed_total, money_back
from quartier.funds.voting import tally

SLUG = "musterstadt"
FUND_SLUG = "quartiersfonds-sonnenberg-2026"
AYLIN = "koordination@musterstadt.example"
# Four-eyes rule: the coordination records a payout, the Stabsstelle releases it.
RELEASER = "admin@musterstadt.example"
D = Decimal


def _pairs(lines: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return [next(iter(line.items())) for line in lines]


DECIDED = {"approved", "rejected", "paid", "reported", "closed"}
# A receipt's file in the demo: a one-line PDF (the content is not the point).
RECEIPT_PDF = b"%PDF-1.4\n% Beleg (Demo, fiktiv)\n%%EOF\n"


def _in_year(day: datetime.date, year: int) -> datetime.date:
    return min(max(day, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def _record_recommendation(
    application: Application, spec: dict[str, Any], *, quorum: int
) -> None:
    """The jury's votes as the recommendation the decision recorded, and whether
    the municipality followed it (idempotent: the same values every run)."""
    if spec.get("how") != "jury" or application.decided_at is None:
        return
    result = tally(
        list(spec.get("votes", [])), quorum=quorum, rule="simple", entitled=6
    )
    with translation.override("de"):
        counts = result.counts_text
    recommended = "approve" if result.approved else "reject"
    decided = application.status != "rejected"
    follows = result.approved == decided
    Application.objects.filter(pk=application.pk).update(
        recommendation=recommended,
        recommendation_counts=counts,
        follows_recommendation=follows,
        deviation_reason="" if follows else spec.get("deviation", "").strip(),
    )


def _seed_receipts(
    application: Application, spec: dict[str, Any], summary: records.Summary
) -> None:
    """The receipts of a proof of use, a few days after the decision."""
    decided = application.decided_at
    for i, (purpose, amount) in enumerate(spec.get("receipts", [])):
        if Receipt.objects.filter(application=application, purpose=purpose).exists():
            summary.add("receipt", "unchanged")
            continue
        paid_on = min(
            timezone.localdate(decided) + datetime.timedelta(days=5 + i),
            timezone.localdate(),
        )
        receipt = Receipt(
            application=application,
            paid_on=paid_on,
            purpose=purpose,
            amount=D(amount),
        )
        receipt.file.save(
            f"demo-beleg-{application.pk}-{i + 1}.pdf",
            ContentFile(RECEIPT_PDF),
            save=False,
        )
        receipt.save()
        summary.add("receipt", "created")


def load(summary: records.Summary) -> None:
    """Write the Quartiersfonds Sonnenberg 2026 (idempotent)."""
    data = records.read("funds")
    voters = [j["member"] for j in data["jury"] if j["voting"]]
    municipality = records.get_municipality(SLUG)
    for person in data["people"]:
        records.seed_person(person, summary)
    sonnenberg = Neighborhood.objects.get(municipality=municipality, slug="sonnenberg")
    today = timezone.localdate()
    fund = records.upsert(
        Fund,
        {"municipality": municipality, "slug": FUND_SLUG},
        {
            "name": "Quartiersfonds Sonnenberg 2026",
            "neighborhood": sonnenberg,
            "year": 2026,
            "budget": D("15000.00"),
            "max_per_project": D("1500.00"),
            "solo_limit": D("300.00"),
            "quorum": 4,
            "majority_rule": "simple",
            "status": "open",
            "rules": clean_html(data["rules"]),
            "guideline_text": clean_html(data["guideline"]),
            "remedy_notice": data["remedy_notice"],
            "proof_retention_years": data["proof_retention_years"],
            "contact_email": "sonnenberg@musterstadt.example",
            "payout_four_eyes": True,
        },
        summary,
        "fund",
    )
    seats = {}
    for seat in data["jury"]:
        seats[seat["member"]] = records.upsert(
            JuryMember,
            {"fund": fund, "user": records.get_user(seat["member"])},
            {"role": seat["seat"], "voting": seat["voting"]},
            summary,
            "jury member",
        )
    call = records.upsert(
        Call,
        {"fund": fund, "title": "Aufruf 2026: Gesund zusammen leben am Sonnenberg"},
        {
            "municipality": municipality,
            "text": clean_html(
                "<p>Sie haben eine Idee, wie Nachbar:innen am Sonnenberg mehr "
                "zusammenkommen, sich bewegen oder gesund essen? Beantragen Sie bis "
                "zu 1.500 €. Wir helfen gern beim Antrag – rufen Sie die "
                "Quartierskoordination an oder kommen Sie in die Sprechstunde im "
                "Bürgerhaus.</p>"
            ),
            # Calls stay inside the fund's budget year (Call.clean).
            "opens_on": _in_year(today - datetime.timedelta(days=150), 2026),
            "closes_on": datetime.date(2026, 12, 31),
            "topics": "Begegnung, Bewegung, Ernährung, Nachbarschaftshilfe",
            "max_amount": D("1500.00"),
        },
        summary,
        "call",
    )
    aylin = records.get_user(AYLIN)
    releaser = records.get_user(RELEASER)
    now = timezone.now()
    for spec in data["applications"]:
        status = spec["status"]
        start = records.day(spec["starts"], today)
        decided = status in DECIDED
        approved = D(str(spec["approved"])) if spec.get("approved") else None
        paid = sum((D(str(p)) for p in spec.get("paid", [])), D("0"))
        contact = spec.get("contact", {})
        values = {
            "municipality": municipality,
            "applicant": records.get_user(spec["applicant"]),
            "channel": spec.get("channel", "online"),
            "contact_name": contact.get("name", ""),
            "contact_address": contact.get("address", ""),
            "contact_phone": contact.get("phone", ""),
            # Submitted applications made their declarations (a draft not yet).
            "not_started": status != "draft",
            "early_start_requested": bool(spec.get("early_start")),
            "early_start_reason": spec.get("early_start", ""),
            "other_funding": spec.get("other_funding", ""),
            "not_funded_elsewhere": status != "draft" and not spec.get("other_funding"),
            "actor": records.get_actor(municipality, spec["actor"])
            if spec.get("actor")
            else None,
            "group_name": spec.get("group", ""),
            # The demo's groups ticked "may appear on the public list" themselves.
            "show_name": spec.get("show_name", True),
            "what": spec["what"],
            "for_whom": "Nachbar:innen am Sonnenberg" if spec["what"] else "",
            "health_benefit": "Begegnung, Bewegung und gesunde Ernährung im Quartier."
            if spec["what"]
            else "",
            "neighborhood": sonnenberg,
            "place": "Bürgerhaus Sonnenberg",
            "starts_on": start,
            "own_contribution": D(str(spec["own"])),
            "requested_amount": D(str(spec["requested"]))
            if spec["requested"]
            else None,
            "status": status,
            "precheck_message": spec.get("question", ""),
            "voting_open": status == "complete",
            "approved_amount": approved if status != "rejected" else None,
            "rationale": spec.get(
                "rationale",
                "Das Projekt bringt Nachbar:innen zusammen und passt zu den Zielen "
                "des Fonds.",
            )
            if decided
            else "",
            "decided_by": aylin if decided else None,
            "decided_how": spec.get("how", "") if decided else "",
            "paid_total": paid,
            "report_due_on": start + datetime.timedelta(weeks=8)
            if decided and status != "rejected"
            else None,
        }
        application = Application.objects.filter(call=call, title=spec["title"]).first()
        if application is None:
            application = records.upsert(
                Application,
                {"call": call, "title": spec["title"]},
                values,
                summary,
                "application",
            )
            # Submitted six weeks before the project (at least three weeks ago),
            # decided two weeks later, paid out after the decision.
            submitted = timezone.now() - datetime.timedelta(
                days=max(21, 42 - records.days(spec["starts"]))
            )
            application.submitted_at = submitted if status != "draft" else None
            application.decided_at = (
                submitted + datetime.timedelta(days=14) if decided else None
            )
            if spec.get("jury_meeting"):
                # Decided in the evening of a jury meeting: a working day, and
                # no Saturday either.
                held = timezone.localdate(application.decided_at)
                while not records.is_meeting_day(held) or held.weekday() == 5:
                    held -= datetime.timedelta(days=1)
                application.decided_at = records.at(held, "20:30")
            application.save(update_fields=["submitted_at", "decided_at"])
            for i, (item, amount) in enumerate(_pairs(spec["lines"])):
                CostLine.objects.create(
                    application=application,
                    position=i,
                    item=item,
                    amount=D(str(amount)),
                )
            for i, amount in enumerate(spec.get("paid", [])):
                paid_on = timezone.localdate(
                    application.decided_at
                ) + datetime.timedelta(days=3 + i)
                payout = Payout.objects.create(
                    application=application,
                    paid_on=paid_on,
                    amount=D(str(amount)),
                    created_by=aylin,
                    confirmed_by=releaser,
                    confirmed_at=min(records.at(paid_on, "11:00"), now),
                )
                Payout.objects.filter(pk=payout.pk).update(
                    created_at=min(records.at(paid_on, "09:00"), now)
                )
            if spec.get("report"):
                report = spec["report"]
                GrantReport.objects.create(
                    application=application,
                    what_happened=report["text"],
                    participants=report["participants"],
                    receipts_total=D(str(report["receipts"])),
                )
            if status == "closed":
                application.returned_amount = money_back(application)
                application.save(update_fields=["returned_amount"])
        else:
            summary.add("application", "unchanged")
        # Votes cast online, or given in a jury meeting on the day of the decision
        # and recorded by the coordination.
        in_person = {}
        if spec.get("jury_meeting") and application.decided_at:
            in_person = {
                "meeting_on": timezone.localdate(application.decided_at),
                "recorded_by": aylin,
            }
        for email, choice in zip(voters, spec.get("votes", []), strict=False):
            vote, _ = Vote.objects.get_or_create(
                application=application,
                member=seats[email],
                defaults={"choice": choice, **in_person},
            )
            if in_person and vote.meeting_on is None:
                Vote.objects.filter(pk=vote.pk).update(**in_person)
        for email, choice in spec.get("votes_open", {}).items():
            Vote.objects.get_or_create(
                application=application,
                member=seats[email],
                defaults={"choice": choice, "comment": "Gute Idee für das Quartier."},
            )
        _record_recommendation(application, spec, quorum=fund.quorum)
        _seed_receipts(application, spec, summary)
        if spec.get("conflict"):
            email, note = spec["conflict"]["member"], spec["conflict"]["note"]
            ConflictOfInterest.objects.get_or_create(
                application=application, member=seats[email], defaults={"note": note}
            )
    # Payouts of an earlier seed (before the four-eyes rule) get their second person.
    for payout in Payout.objects.filter(
        application__call=call, pending=False, confirmed_by=None
    ).exclude(created_by=releaser):
        payout.confirmed_by = releaser
        payout.confirmed_at = min(records.at(payout.paid_on, "11:00"), now)
        payout.save(update_fields=["confirmed_by", "confirmed_at"])
    committed = committed_total(fund)
    if fund.committed != committed:
        Fund.objects.filter(pk=fund.pk).update(committed=committed)

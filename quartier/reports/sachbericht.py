"""The funder's Sachbericht (factual report) for one funded project or a whole
fund, prefilled from the application, its payouts and its proof of use
(Verwendungsnachweis): what was done, who was reached, what changed, money used.

`prefill` gives the free texts the coordinator edits before export; `build`
gives the figures and tables, which are generated like every report section and
saved with the report. Projects are named as on the public list of funded
projects (funds.Application.public_name): a group only where it agreed, never a
person.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.report_sections import SectionContent, day, money

PARTS = [
    ("done", _("What was done")),
    ("reached", _("Who was reached")),
    ("changed", _("What changed")),
    ("money", _("Money used")),
]


def _project(application: Any) -> Any:
    from quartier.funds.models import Application

    return (
        Application.objects.select_related(
            "actor", "neighborhood", "call__fund", "report"
        )
        .prefetch_related("cost_lines", "payouts", "receipts")
        .get(pk=application.pk)
    )


def _grant_report(application: Any) -> Any:
    try:
        return application.report
    except Exception:  # RelatedObjectDoesNotExist: no proof of use yet
        return None


def prefill(*, application: Any = None, fund: Any = None) -> dict[str, str]:
    """The free texts as the records say them; the coordinator rewrites them."""
    if application is not None:
        application = _project(application)
        proof = _grant_report(application)
        reached = application.for_whom
        if proof is not None:
            reached = (
                f"{reached}\n\n"
                + _t("%(count)s people took part (proof of use).")
                % {"count": proof.participants}
            ).strip()
        return {
            "done": proof.what_happened if proof is not None else application.what,
            "reached": reached,
            "changed": application.health_benefit,
            "money": "",
        }
    return {
        "done": fund.rules if fund is not None else "",
        "reached": "",
        "changed": "",
        "money": "",
    }


def build(*, application: Any = None, fund: Any = None) -> list[dict[str, Any]]:
    if application is not None:
        return _for_project(_project(application))
    return _for_fund(fund)


def _for_project(application: Any) -> list[dict[str, Any]]:
    proof = _grant_report(application)
    today = timezone.localdate()
    module = _t("Neighbourhood funds")
    done = SectionContent("done", PARTS[0][1])
    done.figures(
        [
            (_t("Project"), application.title),
            (_t("Carried by"), application.public_name),
            (_t("Fund"), application.call.fund.name),
            (
                _t("Neighbourhood"),
                application.neighborhood.name if application.neighborhood else "–",
            ),
            (_t("Place"), application.place or "–"),
            (
                _t("Period"),
                " – ".join(
                    day(d)
                    for d in (application.starts_on, application.ends_on)
                    if d is not None
                )
                or "–",
            ),
        ]
    ).source(module, today)
    reached = SectionContent("reached", PARTS[1][1])
    reached.figures(
        [
            (
                _t("People who took part"),
                proof.participants if proof is not None else _t("no proof of use yet"),
            )
        ]
    ).source(module, today)
    changed = SectionContent("changed", PARTS[2][1])
    changed.source(module, today)
    cash = SectionContent("money", PARTS[3][1])
    payouts = [p for p in application.payouts.all() if not p.pending]
    receipts = list(application.receipts.all())
    cash.figures(
        [
            (_t("Requested"), money(application.requested_amount)),
            (_t("Approved"), money(application.approved_amount)),
            (_t("Own contribution"), money(application.own_contribution)),
            (_t("Paid out"), money(sum((p.amount for p in payouts), Decimal(0)))),
            (_t("Returned to the fund"), money(application.returned_amount)),
            (
                _t("Receipts in the proof of use"),
                money(proof.receipts_total if proof is not None else 0),
            ),
        ]
    )
    lines = list(application.cost_lines.all())
    if lines:
        cash.table(
            _t("Cost plan"),
            [_t("Item"), _t("Amount")],
            [(line.item, money(line.amount)) for line in lines],
        )
    if payouts:
        cash.table(
            _t("Payouts"),
            [_t("Date"), _t("Amount")],
            [(day(p.paid_on), money(p.amount)) for p in payouts],
        )
    if receipts:
        cash.table(
            _t("Receipts"),
            [_t("Date"), _t("What for"), _t("Amount")],
            [(day(r.paid_on), r.purpose, money(r.amount)) for r in receipts],
        )
    cash.source(module, today)
    return [part.as_dict() for part in (done, reached, changed, cash)]


def _for_fund(fund: Any) -> list[dict[str, Any]]:
    from quartier.funds.models import COMMITTING, Application

    today = timezone.localdate()
    module = _t("Neighbourhood funds")
    funded = (
        Application.objects.filter(call__fund=fund, status__in=COMMITTING)
        .select_related("actor", "neighborhood", "report")
        .order_by("decided_at", "pk")
    )
    projects = list(funded)
    totals = funded.aggregate(
        approved=Sum("approved_amount"),
        paid=Sum("paid_total"),
        returned=Sum("returned_amount"),
        reached=Sum("report__participants"),
        reported=Count("pk", filter=Q(report__isnull=False)),
    )
    done = SectionContent("done", PARTS[0][1])
    done.figures(
        [
            (_t("Fund"), fund.name),
            (_t("Year"), str(fund.year)),
            (_t("Projects funded"), len(projects)),
            (_t("Proofs of use received"), totals["reported"]),
        ]
    )
    if projects:
        done.table(
            _t("Funded projects"),
            [_t("Project"), _t("Carried by"), _t("Neighbourhood"), _t("Approved")],
            [
                (
                    a.title,
                    a.public_name,
                    a.neighborhood.name if a.neighborhood else "–",
                    money(a.approved_amount),
                )
                for a in projects
            ],
        )
    done.source(module, today)
    reached = SectionContent("reached", PARTS[1][1])
    reached.figures(
        [(_t("People who took part (proofs of use)"), totals["reached"] or 0)]
    ).source(module, today)
    changed = SectionContent("changed", PARTS[2][1])
    changed.source(module, today)
    cash = SectionContent("money", PARTS[3][1])
    cash.figures(
        [
            (_t("Budget"), money(fund.budget)),
            (_t("Approved"), money(totals["approved"])),
            (_t("Paid out"), money(totals["paid"])),
            (_t("Returned to the fund"), money(totals["returned"])),
            (_t("Still available"), money(fund.available)),
        ]
    )
    per_hood: dict[str, float] = {}
    for a in projects:
        name = a.neighborhood.name if a.neighborhood else _t("whole municipality")
        per_hood[name] = per_hood.get(name, 0.0) + float(a.approved_amount or 0)
    if per_hood:
        cash.chart(
            _t("Approved amounts per neighbourhood"),
            sorted(per_hood.items()),
            unit="€",
            headers=[_t("Neighbourhood"), _t("Approved (€)")],
        )
    cash.source(module, today)
    return [part.as_dict() for part in (done, reached, changed, cash)]

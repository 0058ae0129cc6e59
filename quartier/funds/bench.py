"""Benchmark data of the funds app (`quartier seed_bench`, docs/benchmarks.md).

`seed_bench` adds a fund with one call and `count` applications in every state to
the big benchmark municipality, with bulk_create (no history rows, no e-mails).
The fund's `committed` is set to the sum of the approved grants, so the money
invariant holds in the benchmark data too.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from quartier.accounts.models import User
from quartier.funds.models import (
    COMMITTING,
    Application,
    ApplicationStatus,
    Call,
    CostLine,
    Fund,
)

BATCH = 2000
FUND_SLUG = "bench-fonds"

# The pages `make bench` measures. The applications list is the coordination's
# view: it needs a signed-in coordinator (or admin) of the municipality.
BENCH_PAGES = [
    (
        "funds: applications list (coordinator login)",
        "/{slug}/funds/bench-fonds/applications/",
    ),
    ("funds: funded projects (public)", "/{slug}/funds/funded/"),
    ("funds: a fund (public)", "/{slug}/funds/bench-fonds/"),
    # Coordinators see the queue of every fund's jury: all "complete" applications.
    ("funds: jury queue (coordinator login)", "/{slug}/funds/jury/"),
    # The coordinator applied for every bench application (seed_bench below).
    ("funds: my applications (coordinator login)", "/{slug}/funds/mine/"),
]
# The account the bench's logins use (bench/query_counts.py): it applies for the
# bench applications, so that "My applications" lists all of them.
COORDINATOR = "koordination@{slug}.example"


def seed_bench(municipality, count: int) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    amount = Decimal("500.00")
    statuses = list(ApplicationStatus.values)
    approved_n = sum(
        1 for i in range(count) if statuses[i % len(statuses)] in COMMITTING
    )
    budget = max(amount * approved_n, amount)
    fund, _created = Fund.objects.update_or_create(
        municipality=municipality,
        slug=FUND_SLUG,
        defaults={
            "name": "Benchmark-Fonds",
            "year": today.year,
            "budget": budget,
            "max_per_project": amount,
            "solo_limit": Decimal("0"),
            "status": "open",
            "committed": Decimal("0"),
        },
    )
    call = Call.objects.create(
        municipality=municipality,
        fund=fund,
        title="Benchmark-Aufruf",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=300),
        max_amount=amount,
    )
    applicant = (
        User.objects.filter(email=COORDINATOR.format(slug=municipality.slug)).first()
        or User.objects.filter(memberships__municipality=municipality).first()
    )
    if applicant is None:
        raise RuntimeError("seed_bench needs at least one member of the municipality")
    now = timezone.now()
    rows = []
    for i in range(count):
        status = statuses[i % len(statuses)]
        decided = status in COMMITTING
        rows.append(
            Application(
                municipality=municipality,
                call=call,
                applicant=applicant,
                group_name=f"Nachbarschaftsgruppe {i}",
                title=f"Projekt {i}",
                what="Ein Projekt für die Nachbarschaft.",
                for_whom="Nachbar:innen",
                health_benefit="Begegnung",
                place="Bürgerhaus",
                starts_on=today,
                requested_amount=amount,
                status=status,
                submitted_at=None if status == "draft" else now,
                approved_amount=amount if decided else None,
                decided_at=now if decided else None,
                decided_how="jury" if decided else "",
            )
        )
    created = Application.objects.bulk_create(rows, batch_size=BATCH)
    CostLine.objects.bulk_create(
        (CostLine(application=a, item="Material", amount=amount) for a in created),
        batch_size=BATCH,
    )
    Fund.objects.filter(pk=fund.pk).update(committed=amount * approved_n)

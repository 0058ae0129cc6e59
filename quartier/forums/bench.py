"""Benchmark data of the forums app (`quartier seed_bench`, docs/benchmarks.md).

`seed_bench` adds a public forum that has met every week for years: `count`
meetings (a tenth of them still to come), with bulk_create (no history rows, no
e-mails). Its page shows a page of its upcoming and past meetings at a time
(views/forums.py), so it costs what the page of a new forum costs; `kleinstadt`
gets the same forum with at most 100 meetings. The decisions register and the
benchmark forum with 10,000 decisions come from seed_bench itself.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from quartier.core.models import Municipality
from quartier.forums.models import Forum, Meeting

BATCH = 2000
FORUM_SLUG = "sitzungsreihe-benchmark"

# The pages `make bench` measures (signed in as the resident, and as a guest).
BENCH_PAGES = [
    ("forum with many meetings", f"/{{slug}}/forums/{FORUM_SLUG}/"),
    ("forum list", "/{slug}/forums/"),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    forum, _created = Forum.objects.update_or_create(
        municipality=municipality,
        slug=FORUM_SLUG,
        defaults={
            "kind": "working_group",
            "name": "Sitzungsreihe Benchmark",
            "purpose": "Ein Gremium, das seit Jahren jede Woche tagt.",
        },
    )
    now = timezone.now().replace(second=0, microsecond=0)
    coming = max(count // 10, 1)
    Meeting.objects.bulk_create(
        (
            Meeting(
                municipality=municipality,
                forum=forum,
                title=f"Wochentreffen {i + 1}",
                starts_at=now + datetime.timedelta(days=7 * (i - count + coming)),
                ends_at=now
                + datetime.timedelta(days=7 * (i - count + coming), hours=2),
                status="planned" if i >= count - coming else "held",
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )

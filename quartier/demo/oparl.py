"""Seeds Musterstadt's council information system (the oparl app) from
`data/oparl.yaml` and the OParl pages in `data/oparl/`: the pages go through the
same importer as a real council system (a fixture loader instead of HTTP, dates
moved to today), then three forum recommendations are linked to the council
papers that took them up — one decided, one rejected, one still in deliberation.

A second run imports again; when that changes nothing, the run is not kept, so
seeding stays idempotent."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from quartier.demo import records
from quartier.forums.models import Decision
from quartier.oparl.fetch import FixtureFetcher
from quartier.oparl.importer import run_import
from quartier.oparl.models import CouncilPaper, CouncilSource, ImportRun, PaperLink

FIXTURES = Path(__file__).with_name("data") / "oparl"


def load(summary: records.Summary) -> None:
    for slug, spec in records.read("oparl").items():
        municipality = records.get_municipality(slug)
        source = records.upsert(
            CouncilSource,
            {"municipality": municipality},
            {"system_url": spec["system_url"]},
            summary,
            "council system",
        )
        earlier = ImportRun.objects.filter(source=source).exists()
        fetcher = FixtureFetcher(FIXTURES, today=timezone.localdate())
        with transaction.atomic():
            run = run_import(source, fetcher=fetcher)
            if run.status != "done":
                raise RuntimeError(f"The demo council import failed: {run.message}")
            unchanged = run.new_count == run.changed_count == 0
            if unchanged and earlier:
                transaction.set_rollback(True)
        summary.add("council import", "unchanged" if unchanged else "created")
        for link in spec["links"]:
            records.upsert(
                PaperLink,
                {
                    "municipality": municipality,
                    "decision": Decision.objects.of(municipality).get(
                        number=link["decision"]
                    ),
                    "paper": CouncilPaper.objects.of(municipality).get(
                        oparl_id=link["paper"]
                    ),
                },
                {},
                summary,
                "council paper link",
            )

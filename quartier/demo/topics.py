"""Seeds topics in free text from `data/topics.yaml`: one finished clustering run of
Musterstadt's contributions and stories, computed by the same service a coordinator
uses (so its clusters are whatever the demo texts give). Idempotent: a municipality
that has a finished run gets no second one."""

from __future__ import annotations

from quartier.demo import records
from quartier.topics import services
from quartier.topics.models import ClusterRun, RunStatus


def load(summary: records.Summary) -> None:
    for spec in records.read("topics")["runs"]:
        municipality = records.get_municipality(spec["municipality"])
        if ClusterRun.objects.of(municipality).filter(status=RunStatus.DONE).exists():
            summary.add("clustering run", "unchanged")
            continue
        services.run_start(
            by=records.get_user(spec["started_by"]),
            municipality=municipality,
            period_start=records.day(spec["from"]),
            period_end=records.day(spec["until"]),
            sources=spec["sources"],
        )
        summary.add("clustering run", "created")

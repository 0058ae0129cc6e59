"""`quartier check_time_sums`: compare the kept sums of the time totals page
(learning/year_sums.py) with the entries, year by year, and report the years that
drifted. `--fix` rebuilds them; `--municipality <slug>` checks one municipality.
Exits with status 1 when drift was found and not fixed (for monitoring)."""

from __future__ import annotations

from django.db.models import QuerySet

from quartier.core.drift_command import DriftCommand
from quartier.core.models import Municipality
from quartier.learning import year_sums


class Command(DriftCommand):
    help = "Compare the time totals' kept sums with the entries; report (or fix) drift."
    drifted_what = "year(s) with drifted sums"

    def drifted(self, municipalities: QuerySet[Municipality], fix: bool) -> list[str]:
        lines = []
        for pk, slug in municipalities.values_list("pk", "slug"):
            for year, rows in year_sums.drift(pk):
                if fix:
                    year_sums.rebuild(pk, year)
                lines.append(
                    f"{slug} {year}: {rows} kept row(s) differ from the entries"
                )
        return lines

"""`quartier check_time_sums`: compare the kept sums of the time totals page
(learning/year_sums.py) with the entries, year by year, and report the years that
drifted. `--fix` rebuilds them; `--municipality <slug>` checks one municipality.
Exits with status 1 when drift was found and not fixed (for monitoring)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.core.models import Municipality
from quartier.learning import year_sums


class Command(BaseCommand):
    help = "Compare the time totals' kept sums with the entries; report (or fix) drift."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fix", action="store_true", help="Rebuild the years that drifted."
        )
        parser.add_argument(
            "--municipality", default="", help="Only this municipality (its slug)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        towns = Municipality.objects.order_by("slug")
        if options["municipality"]:
            towns = towns.filter(slug=options["municipality"])
        fix = options["fix"]
        drifted = 0
        for town in towns.values_list("pk", "slug"):
            for year, rows in year_sums.drift(town[0]):
                drifted += 1
                if fix:
                    year_sums.rebuild(town[0], year)
                self.stdout.write(
                    f"{town[1]} {year}: {rows} kept row(s) differ from the entries"
                    + (" – rebuilt" if fix else "")
                )
        self.stdout.write(
            f"{drifted} year(s) with drifted sums"
            + (", rebuilt." if fix and drifted else ".")
        )
        if drifted and not fix:
            raise CommandError("Time sums drifted: run with --fix to rebuild them.")

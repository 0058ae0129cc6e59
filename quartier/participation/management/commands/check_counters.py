"""`quartier check_counters`: recount the stored counters of every contribution
(supports, comments; participation/counters.py) and report those that drifted from
their rows. `--fix` corrects them; `--municipality <slug>` checks one municipality.
Exits with status 1 when drift was found and not fixed (for monitoring)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.participation import counters
from quartier.participation.models import Contribution


class Command(BaseCommand):
    help = "Recount the contributions' stored counters and report (or fix) drift."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fix", action="store_true", help="Correct the drifted counters."
        )
        parser.add_argument(
            "--municipality", default="", help="Only this municipality (its slug)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        contributions = Contribution.objects.all()
        if options["municipality"]:
            contributions = contributions.filter(
                municipality__slug=options["municipality"]
            )
        fix = options["fix"]
        found = counters.check(contributions, fix=fix)
        for row in found:
            figures = ", ".join(
                f"{field} {row[field]} (counted {row['true_' + field]})"
                for field in counters.COUNTERS
            )
            self.stdout.write(
                f"{row['municipality__slug']} contribution {row['pk']}: {figures}"
                + (" – fixed" if fix else "")
            )
        self.stdout.write(
            f"{len(found)} contribution(s) with drifted counters"
            + (", fixed." if fix and found else ".")
        )
        if found and not fix:
            raise CommandError("Counters drifted: run with --fix to correct them.")

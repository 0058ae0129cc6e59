"""The shape of the commands that check kept figures against the rows they are
counted from (`check_counters`, `check_time_sums`): report what drifted, correct it
with `--fix`, limit to one municipality with `--municipality <slug>`, and exit with
status 1 when drift was found and not corrected (for monitoring)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet

from quartier.core.models import Municipality


class DriftCommand(BaseCommand):
    # What drifted, counted in the summary line: "2 year(s) with drifted sums".
    drifted_what = ""

    def drifted(self, municipalities: QuerySet[Municipality], fix: bool) -> list[str]:
        """One line for each thing that drifted (corrected first, with `fix`)."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fix", action="store_true", help="Correct the drift.")
        parser.add_argument(
            "--municipality", default="", help="Only this municipality (its slug)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = Municipality.objects.order_by("slug")
        if options["municipality"]:
            municipalities = municipalities.filter(slug=options["municipality"])
        fix = options["fix"]
        lines = self.drifted(municipalities, fix)
        for line in lines:
            self.stdout.write(line + (" – fixed" if fix else ""))
        self.stdout.write(
            f"{len(lines)} {self.drifted_what}" + (", fixed." if fix and lines else ".")
        )
        if lines and not fix:
            raise CommandError("Drift found: run with --fix to correct it.")

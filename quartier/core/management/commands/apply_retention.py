"""`quartier apply_retention`: delete or anonymise what is past its retention period
(core/retention.py), for every municipality; the counts go to each municipality's
audit log and to the output. Run it daily, e.g. from cron. `--dry-run` only counts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quartier.core.retention import apply_all


class Command(BaseCommand):
    help = "Delete or anonymise personal data past its retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what is due; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        results = apply_all(dry_run=dry_run)
        verb = "due" if dry_run else "done"
        for municipality, counts in results.items():
            where = municipality.slug if municipality is not None else "(platform)"
            for key, count in counts.items():
                self.stdout.write(f"{where} {key}: {count} {verb}")

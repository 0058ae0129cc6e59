"""`quartier oparl_import [--municipality slug] [--full]`: import bodies,
organisations, meetings, papers, agenda items and consultations from each
configured council information system (docs/oparl.md). Run it from cron, e.g.
nightly: `15 2 * * * quartier oparl_import`. Each run is recorded (ImportRun)
and shown on the municipality's OParl settings page."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.oparl.importer import run_import
from quartier.oparl.models import CouncilSource, ImportStatus


class Command(BaseCommand):
    help = "Import from the configured OParl council information systems."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="Only this municipality (slug).")
        parser.add_argument(
            "--full",
            action="store_true",
            help="List everything again instead of what changed since the last run.",
        )

    def handle(
        self, *args: Any, municipality: str | None = None, full: bool = False, **o: Any
    ) -> None:
        sources = CouncilSource.objects.select_related("municipality").filter(
            municipality__is_active=True
        )
        if municipality:
            sources = sources.filter(municipality__slug=municipality)
            if not sources.exists():
                raise CommandError(
                    f"{municipality}: no council information system configured."
                )
        failed = 0
        for source in sources.order_by("municipality__slug"):
            run = run_import(source, report=self.stdout.write, full=full)
            failed += run.status == ImportStatus.FAILED
        if failed:
            raise CommandError(f"{failed} import(s) failed; see the messages above.")

"""`quartier send_directory_confirmations`: the yearly "Ist das noch aktuell?"
e-mails to the providers of offerings that were last confirmed more than a year
ago. Schedule it daily (cron); it asks about each offering at most once in 30 days,
so a second run the same day sends nothing (docs/directory.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.core.models import Municipality
from quartier.directory.confirmations import confirmations_send


class Command(BaseCommand):
    help = (
        "E-mail providers whose offerings were last confirmed more than a year ago "
        "a signed link per offering to confirm it (run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", help="slug of one municipality (default: all active)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options.get("municipality"):
            municipality = Municipality.objects.filter(
                slug=options["municipality"]
            ).first()
            if municipality is None:
                raise CommandError(f"No municipality {options['municipality']!r}.")
        mails, asked = confirmations_send(municipality=municipality)
        self.stdout.write(f"{mails} e-mail(s) sent about {asked} offering(s).")

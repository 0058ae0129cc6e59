"""`quartier compute_indicators`: store today's value of every computed indicator
(run monthly or daily by the scheduler; docs/impact.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from quartier.core.models import Municipality
from quartier.impact.services import compute_all


class Command(BaseCommand):
    help = "Compute and store today's value of every computed indicator."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--municipality", help="the slug of one municipality")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options.get("municipality"):
            municipality = Municipality.objects.get(slug=options["municipality"])
        stored, missing = compute_all(municipality)
        self.stdout.write(f"{stored} stored, {missing} not available")

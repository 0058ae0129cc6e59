"""`quartier import_municipality FILE [--slug NEW]`: a municipality exported by
`export_municipality`, with new ids, into this installation (all or nothing)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.operations.archive import OperationRefused
from quartier.operations.moving import import_municipality


class Command(BaseCommand):
    help = (
        "Import an exported municipality. Refused, with nothing changed, when the "
        "slug exists, the archive is damaged or was made by a newer release."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--slug", help="import under this slug instead")

    def handle(self, *args, archive, slug=None, **options):
        started = time.monotonic()
        try:
            result = import_municipality(archive=archive.resolve(), slug=slug)
        except OperationRefused as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            f"Imported {result['municipality'].name} as "
            f"/{result['municipality'].slug}/: {result['rows']} rows, "
            f"{result['files']} files, {result['created_users']} new accounts "
            "(inactive until their owners reset the password) in "
            f"{time.monotonic() - started:.1f} s."
        )

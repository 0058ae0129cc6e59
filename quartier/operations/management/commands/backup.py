"""`quartier backup [--output FILE]`: database and uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quartier.operations.archive import OperationRefused
from quartier.operations.backup import create_backup


class Command(BaseCommand):
    help = "Write the database and every uploaded file to one tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="archive to write (default: quartier-backup-<time>.tar.gz here)",
        )

    def handle(self, *args, output=None, **options):
        output = output or Path(
            f"quartier-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            manifest = create_backup(output=output.resolve())
        except OperationRefused as error:
            raise CommandError(str(error)) from error
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        self.stdout.write(
            f"Backup written to {output}: {manifest['database_vendor']} database, "
            f"{files} uploaded files."
        )

"""`quartier restore FILE [--force]`: an archive of `quartier backup` into an
empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.operations.archive import OperationRefused
from quartier.operations.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty installation (checked first: "
        "checksums, members, schema; nothing is changed when a check fails)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data of an installation that is not empty",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = restore_backup(archive=archive.resolve(), force=force)
        except OperationRefused as error:
            raise CommandError(f"Nothing was restored. {error}") from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} "
            f"(Quartier {manifest['quartier_version']}). Run `quartier migrate` if "
            "this release is newer than the backup."
        )

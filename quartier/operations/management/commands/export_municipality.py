"""`quartier export_municipality <slug> [--output FILE]`: one municipality's data
and files, for `import_municipality` on another installation."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.operations.archive import OperationRefused
from quartier.operations.moving import export_municipality


class Command(BaseCommand):
    help = "Export one municipality with all its data and files to a tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--output", type=Path, help="archive to write (default: <slug>.tar.gz)"
        )

    def handle(self, *args, slug, output=None, **options):
        output = (output or Path(f"{slug}.tar.gz")).resolve()
        started = time.monotonic()
        try:
            manifest = export_municipality(slug=slug, output=output)
        except OperationRefused as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        self.stdout.write(
            f"Exported {manifest['name']} to {output}: {rows} rows of "
            f"{len(manifest['rows'])} tables, {files} files, "
            f"{output.stat().st_size} bytes in {time.monotonic() - started:.1f} s."
        )

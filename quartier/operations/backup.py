"""Backup and restore of a whole installation (docs/operations.md, "Backups").

The archive (archive.py) holds the database — SQLite through its online backup
API, so a running installation is copied consistently; PostgreSQL as a
`pg_dump --format=custom` — and every uploaded file, read through Django's storage
API (local folder or S3 alike), plus the manifest with the migration state.

`restore_backup` checks everything before it changes anything: the archive's
checksums and members, the schema (no migration this code does not know) and the
target (no data unless `force`). The database is then replaced in one step
(SQLite backup API into the open database; `pg_restore --single-transaction`), and
the files are written through the storage.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with argument lists, no shell
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection

from quartier.operations.archive import (
    ArchiveWriter,
    OperationRefused,
    base_manifest,
    open_archive,
    refuse_newer_schema,
    walk_storage,
)

KIND = "quartier-backup"
DATABASE_MEMBER = {
    "sqlite": "database/quartier.sqlite3",
    "postgresql": "database/quartier.pgdump",
}
FILES = "files/"
# Filled by `migrate` itself in an installation that holds nothing yet.
SCAFFOLDING = {"contenttypes.ContentType", "auth.Permission", "sites.Site"}


def postgres_tool(name: str) -> str:
    """pg_dump/pg_restore beside the server binaries (PG_BIN), else from PATH."""
    folder = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
    candidate = Path(folder) / name
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise OperationRefused(
            f"{name} was not found in PG_BIN ({folder}) nor on PATH: install the "
            "PostgreSQL client programs of the server's version."
        )
    return found


def _postgres_connection_args() -> tuple[list[str], dict[str, str]]:
    settings = connection.settings_dict
    options = settings.get("OPTIONS", {})
    args = ["--dbname", settings["NAME"]]
    # A unix socket folder may come as `?host=` in DATABASE_URL, i.e. in OPTIONS.
    host = settings.get("HOST") or options.get("host")
    port = settings.get("PORT") or options.get("port")
    if host:
        args += ["--host", str(host)]
    if port:
        args += ["--port", str(port)]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise OperationRefused(
            f"{Path(command[0]).name} failed: {done.stderr.strip() or done.returncode}"
        )


def _dump_database(folder: Path) -> Path:
    if connection.in_atomic_block:
        # What the transaction wrote is not committed: a backup would miss it
        # (PostgreSQL) or wait for it forever (SQLite's backup API).
        raise OperationRefused("A backup cannot be made inside a transaction.")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = folder / "quartier.sqlite3"
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "quartier.pgdump"
        args, env = _postgres_connection_args()
        _run(
            [postgres_tool("pg_dump"), "--format=custom", f"--file={target}", *args],
            env,
        )
        return target
    raise OperationRefused(
        f"Backups of a {connection.vendor} database are not supported."
    )


def create_backup(*, output: Path) -> dict[str, Any]:
    """Write the database and all uploaded files to one archive at `output`."""
    writer = ArchiveWriter(output)
    try:
        with tempfile.TemporaryDirectory(prefix="quartier-backup-") as folder:
            dump = _dump_database(Path(folder))
            writer.add_file(DATABASE_MEMBER[connection.vendor], dump)
        for name in walk_storage(default_storage):
            writer.add_storage_file(FILES + name, default_storage, name)
        return writer.close(base_manifest(KIND))
    except BaseException:
        writer.abort()
        raise


def tables_with_data() -> list[str]:
    """Models of this installation that hold rows (tables `migrate` fills alone
    do not count)."""
    existing = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models(include_auto_created=True):
        if (
            model._meta.db_table in existing
            and model._meta.label not in SCAFFOLDING
            and model._base_manager.exists()
        ):
            found.append(model._meta.label)
    return found


def _refuse_unless_empty(force: bool) -> None:
    if force:
        return
    filled = tables_with_data()
    if filled:
        raise OperationRefused(
            f"The database is not empty ({len(filled)} tables hold data, e.g. "
            f"{filled[0]}): restore only into an empty installation, or pass --force "
            "to replace everything in it."
        )
    files = next(iter(walk_storage(default_storage)), None)
    if files:
        raise OperationRefused(
            f"The file storage is not empty (e.g. {files}): restore only into an "
            "empty installation, or pass --force to replace it."
        )


def _restore_database(dump: Path, vendor: str) -> None:
    if vendor != connection.vendor:
        raise OperationRefused(
            f"The archive holds a {vendor} database; this installation uses "
            f"{connection.vendor}."
        )
    if vendor == "sqlite":
        source = sqlite3.connect(dump)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    args, env = _postgres_connection_args()
    connection.close()
    _run(
        [
            postgres_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env,
    )


def restore_backup(*, archive: Path, force: bool = False) -> dict[str, Any]:
    """Replace this installation's database and files with the archive's."""
    with open_archive(archive, KIND) as opened:
        manifest = opened.manifest
        refuse_newer_schema(manifest)
        vendor = manifest.get("database_vendor", "")
        member = DATABASE_MEMBER.get(vendor)
        if member is None or member not in manifest["members"]:
            raise OperationRefused("The archive is damaged: it holds no database.")
        if vendor != connection.vendor:
            raise OperationRefused(
                f"The archive holds a {vendor} database; this installation uses "
                f"{connection.vendor}."
            )
        _refuse_unless_empty(force)
        _restore_database(opened.member(member), vendor)
        for name in opened.members_under(FILES):
            stored = name.removeprefix(FILES)
            if default_storage.exists(stored):
                default_storage.delete(stored)
            with opened.member(name).open("rb") as content:
                saved = default_storage.save(stored, File(content, name=stored))
            if saved != stored:  # pragma: no cover - the storage renamed it
                raise OperationRefused(f"The storage saved {stored} as {saved}.")
        return manifest

"""Migrate once, copy after: test databases from a migrated template.

Django builds every test database by running every migration. With about 200
migrations over some 400 models (history tables included) that costs one to two
minutes of CPU each time, and `make test` used to pay it in every test worker of
every pass, again for the moving test's second installation and again for the
production profile.

Now the first process of a run that needs a test database for the current
migrations migrates it as before and saves the result as a template in
`var/test-databases/`; every later one — the second test worker, the browser pass,
the moving test's source installation, the production profile (through
`python -m quartier.core.tests.database_templates`) — copies the template in
seconds instead. The copy is the migrated database itself (schema, the rows
`migrate` writes: applied migrations, content types, permissions), so tests see
exactly what a migration would have produced.

A template is named after a digest of everything `migrate` reads: every migration
file on disk (Quartier's and the libraries'), each model's permissions, Django's
version and the database server's version. A changed migration is a new name, so a
stale template is never used; the newest few per database are kept. A lock file
makes the processes that start together wait for the one that migrates.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import django

TEMPLATES = Path(__file__).resolve().parents[3] / "var" / "test-databases"
KEEP = 4  # templates per database vendor; older ones are removed
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


@functools.cache
def _digest_for(alias: str, vendor: str) -> str:
    from django.db import connections

    return _digest(connections[alias])


def _digest(connection) -> str:
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    digest.update(f"django {django.get_version()}\n".encode())
    digest.update(f"{connection.vendor} {_server_version(connection)}\n".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        source = Path(sys.modules[loader.disk_migrations[key].__module__].__file__)
        digest.update(f"{key}\n".encode())
        digest.update(source.read_bytes())
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        options = model._meta
        permissions = sorted(codename for codename, _ in options.permissions)
        digest.update(
            f"{options.label} {options.default_permissions} {permissions}\n".encode()
        )
    return digest.hexdigest()[:20]


def _server_version(connection) -> str:
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    connection.ensure_connection()
    return str(connection.pg_version // 10000)


def template_path(connection) -> Path:
    suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
    digest = _digest_for(connection.alias, connection.vendor)
    return TEMPLATES / f"{connection.vendor}-{digest}.{suffix}"


@contextlib.contextmanager
def _locked(template: Path) -> Iterator[None]:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    with open(template.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _pg_env(settings_dict: dict) -> dict[str, str]:
    options = settings_dict.get("OPTIONS", {})
    env = {**os.environ}
    for key, value in {
        "PGHOST": settings_dict.get("HOST") or options.get("host"),
        "PGPORT": settings_dict.get("PORT") or options.get("port"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
    }.items():
        if value:
            env[key] = str(value)
    return env


def save(connection, template: Path) -> None:
    """Write the connection's database to `template` (whole, or not at all)."""
    partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        settings_dict = connection.settings_dict
        subprocess.run(  # noqa: S603
            [str(PG_BIN / "pg_dump"), "--format=custom", "--no-owner",
             "--no-privileges", "--file", str(partial), settings_dict["NAME"]],
            env=_pg_env(settings_dict), check=True, capture_output=True,
        )  # fmt: skip
    os.replace(partial, template)
    others = sorted(
        TEMPLATES.glob(f"{connection.vendor}-*{template.suffix}"),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEEP:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".lock").unlink(missing_ok=True)
    for lock in TEMPLATES.glob("*.lock"):  # of runs that never saved a template
        if time.time() - lock.stat().st_mtime > 86400:
            lock.unlink(missing_ok=True)


def load(connection, template: Path) -> None:
    """Fill the connection's (empty) database from `template`."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()
    restore(template, connection.settings_dict)


def restore(template: Path, settings_dict: dict) -> None:
    subprocess.run(  # noqa: S603
        [str(PG_BIN / "pg_restore"), "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname",
         settings_dict["NAME"], str(template)],
        env=_pg_env(settings_dict), check=True, capture_output=True,
    )  # fmt: skip


def migrate_or_copy(connection, migrate) -> None:
    """Copy the template into the connection's new test database, or call
    `migrate()` and save the result as the template when there is none yet."""
    template = template_path(connection)
    with _locked(template):
        if template.exists():
            load(connection, template)
            return
        migrate()
        save(connection, template)


def copy_into_file(path: Path) -> bool:
    """A migrated SQLite file at `path` from the current template, if one exists
    (the moving test's second installation)."""
    from django.db import connection

    template = template_path(connection)
    if connection.vendor != "sqlite" or not template.exists():
        return False
    shutil.copyfile(template, path)
    return True


def use_templates() -> None:
    """Make every test database of this process come from a template."""
    from django.core import management
    from django.db import connections

    for alias in connections:
        creation = connections[alias].creation
        create_test_db = creation.create_test_db

        def create_from_template(*args, _create=create_test_db, _alias=alias, **kw):
            real = management.call_command

            def call_command(name, *c_args, **c_kw):
                if name == "migrate" and c_kw.get("database") == _alias:
                    connection = connections[_alias]
                    migrate_or_copy(connection, lambda: real(name, *c_args, **c_kw))
                    return None
                return real(name, *c_args, **c_kw)

            management.call_command = call_command
            try:
                return _create(*args, **kw)
            finally:
                management.call_command = real

        creation.create_test_db = create_from_template


def main() -> None:
    """`python -m quartier.core.tests.database_templates`: print the path of the
    template for DATABASE_URL's database and the current migrations, or nothing
    when there is none (the production profile restores it instead of migrating)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    django.setup()
    from django.db import connection

    template = template_path(connection)
    if template.exists():
        print(template)


if __name__ == "__main__":
    main()

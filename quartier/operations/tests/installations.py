"""A second, empty installation for round trips: a new SQLite file or a second
database on the test's PostgreSQL server, driven through the `quartier` command in
a subprocess with its own DATABASE_URL and MEDIA_ROOT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

QUARTIER = str(Path(sys.executable).parent / "quartier")


def rows_of_every_table(*, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every model's rows, ordered by primary key, as JSON values."""
    from django.apps import apps

    tables: dict[str, Any] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in exclude or model._meta.proxy or not model._meta.managed:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values_list(*names)
        tables[label] = json.loads(json.dumps(list(rows), cls=DjangoJSONEncoder))
    return tables


def files_of(storage) -> dict[str, bytes]:
    from quartier.operations.archive import walk_storage

    found = {}
    for name in walk_storage(storage):
        with storage.open(name, "rb") as handle:
            found[name] = handle.read()
    return found


class Installation:
    """An empty installation beside the test database."""

    def __init__(self, database_url: str, media_root: Path) -> None:
        self.database_url = database_url
        self.media_root = media_root

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "DJANGO_SETTINGS_MODULE": "quartier.settings",
            # The crawl in the other installation uses Django's test client.
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        }

    def quartier(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [QUARTIER, *args], env=self.env(), capture_output=True, text=True
        )

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        # Pages render without collectstatic's manifest, as in the suite (conftest).
        prelude = (
            "import django; django.setup()\n"
            "from django.conf import settings\n"
            "settings.STORAGES = {**settings.STORAGES, 'staticfiles': {'BACKEND': "
            "'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        )
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", prelude + code],
            env=self.env(),
            capture_output=True,
            text=True,
        )

    def rows(self, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        done = self.python(
            "import json\n"
            "from quartier.operations.tests.installations import rows_of_every_table\n"
            f"print(json.dumps(rows_of_every_table(exclude=frozenset({sorted(exclude)!r}))))"
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def table_count(self) -> int:
        done = self.python(
            "from django.db import connection\n"
            "print(len(connection.introspection.table_names()))"
        )
        assert done.returncode == 0, done.stderr
        return int(done.stdout)


@contextmanager
def empty_installation(
    tmp_path: Path, name: str = "target", *, migrated: bool = False
) -> Iterator[Installation]:
    """A new SQLite file, or a new database on the same PostgreSQL server.

    `migrated=True` starts it from the test run's migrated template when there is
    one (quartier/core/tests/database_templates.py), so that `quartier migrate` in
    it has nothing left to do instead of taking minutes."""
    from quartier.core.tests import database_templates

    media = tmp_path / f"{name}-media"
    media.mkdir()
    if connection.vendor == "sqlite":
        path = tmp_path / f"{name}.sqlite3"
        if migrated:
            database_templates.copy_into_file(path)
        yield Installation(f"sqlite:///{path}", media)
        return
    settings = connection.settings_dict
    name = f"quartier_{name}_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    template = database_templates.template_path(connection)
    if migrated and template.exists():
        database_templates.restore(template, {**settings, "NAME": name})
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    options = settings.get("OPTIONS", {})
    host = settings.get("HOST") or options.get("host") or ""
    port = settings.get("PORT") or options.get("port")
    port = f":{port}" if port else ""
    if host.startswith("/"):
        url = f"postgres://{user}{password}@{port}/{name}?host={host}"
    else:
        url = f"postgres://{user}{password}@{host}{port}/{name}"
    try:
        yield Installation(url, media)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def remove_municipality(slug: str) -> None:
    """Delete a municipality and every row the export would take (the target of a
    move test: the same installation without it), and the people left without
    any membership."""
    from django.apps import apps
    from django.db import transaction

    from quartier.accounts.models import User
    from quartier.core.models import Municipality
    from quartier.operations.moving import _import_order, collect

    with transaction.atomic():
        collected = collect(Municipality.objects.get(slug=slug))
        for label in reversed(_import_order(list(collected))):
            model = apps.get_model(label)
            pks = collected[label]
            for start in range(0, len(pks), 500):
                model._base_manager.filter(pk__in=pks[start : start + 500])._raw_delete(
                    model._base_manager.db
                )
        User.objects.filter(
            memberships__isnull=True, email__endswith=f"@{slug}.example"
        ).delete()

"""Test databases copied from a migrated template (database_templates.py) are the
migrated database: nothing is left to apply, and a changed migration file is never
served from an old template."""

import sys
from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from quartier.core.tests import database_templates


def test_the_test_database_has_every_migration_applied(db):
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    tables = set(connection.introspection.table_names())
    assert "participation_contribution" in tables
    assert "auth_permission" in tables


def test_a_changed_migration_file_names_another_template(db, monkeypatch):
    before = database_templates._digest(connection)
    assert before == database_templates._digest(connection)
    changed = Path(sys.modules["quartier.core.migrations.0001_initial"].__file__)
    read_bytes = Path.read_bytes

    def edited(path):
        return read_bytes(path) + (b"\n# edited\n" if path == changed else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert database_templates._digest(connection) != before

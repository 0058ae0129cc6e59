"""The offerings' search vector, kept by PostgreSQL itself (quartier/directory/search.py).

On PostgreSQL the directory search used to compute `to_tsvector('german', …)` of
every offering's name and description on every request: about one search per
second with 20,000 offerings. Now the vector is a stored generated column, which
PostgreSQL writes with the row on every insert and update (bulk writes and imports
included), and a GIN index on (municipality, vector) finds the rows of one
municipality that match a search (`btree_gin` lets a GIN index hold the key).

The column is unknown to Django's models on purpose: Django would write it on
insert, and SQLite (development, most tests) has no use for it. Other databases
skip this operation.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "directory_service_search"
# Name weighs more than description (weights A and B) in the search's rank.
EXPRESSION = (
    "setweight(to_tsvector('german'::regconfig, coalesce(name, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce(description, '')), 'B')"
)


class StoredSearchVector(migrations.operations.base.Operation):
    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        # The extension stays when the migration is undone: others may use it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        schema_editor.execute(
            f"ALTER TABLE directory_service ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({EXPRESSION}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON directory_service "
            f"USING gin (municipality_id, {COLUMN})"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"ALTER TABLE directory_service DROP COLUMN {COLUMN}")

    def describe(self):
        return "Stored search vector of offerings with a GIN index (PostgreSQL)"


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_service_listed_index"),
    ]

    # Not Django's BtreeGinExtension: undone, it asks SQLite for pg_extension
    # (undoing an earlier core migration undoes this one too).
    operations = [StoredSearchVector()]

"""The data step of adding the municipality key to child tables (core/tenancy.py):
one UPDATE with a subquery per table, on SQLite and PostgreSQL, parents before their
children. Each app's `*_municipality_key_fill` migration calls `fill_from_parents`;
it uses only the historical models it is given, so it stays valid as models change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def fill_from_parents(
    app_label: str, children: Sequence[tuple[str, Sequence[str]]]
) -> Callable[[Any, Any], None]:
    """A RunPython function: for each (child model, parent fields tried in order),
    set `municipality_id` from the first parent that is set, where it is empty."""

    def fill(apps: Any, schema_editor: Any) -> None:
        quote = schema_editor.quote_name
        for name, parents in children:
            model = apps.get_model(app_label, name)
            table = quote(model._meta.db_table)
            sources = []
            for parent in parents:
                field = model._meta.get_field(parent)
                target = field.related_model._meta
                sources.append(
                    f"(SELECT p.municipality_id FROM {quote(target.db_table)} p "  # noqa: S608
                    f"WHERE p.{quote(field.target_field.column)} = "
                    f"{table}.{quote(field.column)})"
                )
            value = (
                sources[0] if len(sources) == 1 else f"COALESCE({', '.join(sources)})"
            )
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET municipality_id = {value} "  # noqa: S608 - names quoted by the backend
                    "WHERE municipality_id IS NULL"
                )

    return fill


def move_platform_audit_entries(apps: Any, schema_editor: Any) -> None:
    """A RunPython function: audit entries without a municipality move to the
    platform's own table (core.PlatformAuditEntry), in one INSERT … SELECT and
    one DELETE, inside the migration's transaction."""
    quote = schema_editor.quote_name
    source = quote(apps.get_model("core", "AuditEntry")._meta.db_table)
    target = quote(apps.get_model("core", "PlatformAuditEntry")._meta.db_table)
    columns = ", ".join(
        quote(c) for c in ("kind", "action", "target", "path", "created_at", "user_id")
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {target} ({columns}) SELECT {columns} FROM {source} "  # noqa: S608 - names quoted by the backend
            "WHERE municipality_id IS NULL ORDER BY created_at, id"
        )
        cursor.execute(f"DELETE FROM {source} WHERE municipality_id IS NULL")  # noqa: S608

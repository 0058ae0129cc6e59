"""The database's plan of a captured query, for the tests that prove a list is read
from an index in list order (SQLite: no temporary B-tree; PostgreSQL: no Sort)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection


def plan_of(sql: str, params: Sequence | None = None, *, sorts: bool = False) -> str:
    """`EXPLAIN` of `sql` as one string. PostgreSQL is told to avoid table scans
    (and, unless `sorts`, sorts) wherever it can, so that a handful of test rows
    still shows whether an index can give the rows in order."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            if not sorts:
                cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())

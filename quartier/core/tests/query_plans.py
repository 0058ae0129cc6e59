"""For the tests of long lists: the database's plan of a captured query (is a list
read from an index in list order?) and the walk along a list's "next" links."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import unescape
from typing import Any

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


def assert_read_in_order(sql: str, index: str) -> None:
    """The query's rows come from `index` in list order: no table sort (SQLite: a
    temporary B-tree; PostgreSQL: a Sort node)."""
    plan = plan_of(sql)
    assert index in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort" not in plan, plan


def the_query(queries: Any, starts: str, containing: str = "") -> str:
    """The one captured query that starts with `starts` and contains `containing`."""
    found = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(starts) and containing in q["sql"]
    ]
    assert len(found) == 1, found
    return found[0]


NEXT = re.compile(r'rel="next" href="\?([^"]+)"')


def next_query(html: str) -> str | None:
    """The query of a page's "next" link, unescaped; None on the last page."""
    found = NEXT.search(html)
    return unescape(found[1]) if found else None


def follow_next(client: Any, path: str, limit: int = 100) -> Iterator[Any]:
    """Each page's response from `path` on, along the "next" links (a link's
    query replaces the one before: it carries the filters and the sort)."""
    base = path.split("?")[0]
    response = client.get(path)
    for _ in range(limit):
        assert response.status_code == 200
        yield response
        query = next_query(response.content.decode())
        if query is None:
            return
        response = client.get(f"{base}?{query}")
    raise AssertionError("the next links never end")

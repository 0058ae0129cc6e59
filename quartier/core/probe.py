"""One small read on the hot path, written out instead of built by the ORM.

Building a small query with the ORM costs 0.3–0.9 ms of CPU, nearly all of it
compiling the query (SQLite answers in microseconds); written out, the same read
costs about 0.02 ms (docs/benchmarks.md, "the cost every page pays"). For the
few reads by equal conditions that many pages make: whether an object has
translations, a municipality's one-row settings shown on its home (`value_of`),
the request's municipality with the viewer's role (`row_of`).

Names are quoted by the database backend and every value is a parameter; columns
are qualified with the table, so the tenant query check (core/tenancy.py) sees
the municipality key. Each call reads the database: nothing is kept.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, models, router


def value_of(model: type[models.Model], field: str, **equal: Any) -> Any:
    """`field` of the first row of `model` whose fields equal `equal` (by field
    name; a foreign key by its name, with the key as value), None without one.
    Meant for at most one matching row: there is no order."""
    meta = model._meta
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)

    def column(name: str) -> str:
        found: Any = meta.pk if name == "pk" else meta.get_field(name)
        return f"{table}.{quote(found.column)}"

    conditions = " AND ".join(f"{column(name)} = %s" for name in equal)
    sql = f"SELECT {column(field)} FROM {table} WHERE {conditions} LIMIT 1"  # noqa: S608 - names quoted by the backend
    with connection.cursor() as cursor:
        cursor.execute(sql, list(equal.values()))
        row = cursor.fetchone()
    return None if row is None else row[0]


def row_of(
    model: type[models.Model],
    extra: dict[str, tuple[str, list[Any]]] | None = None,
    **equal: Any,
) -> Any:
    """The first instance of `model` whose fields equal `equal`, None without one;
    `extra` adds named values computed by SQL (`{name: (sql, params)}`, the SQL may
    name the model's table) as attributes. Read through `raw()`, so field values are
    converted as the ORM converts them (dates, booleans). Meant for one matching row:
    there is no order."""
    meta = model._meta
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)

    def column(name: str) -> str:
        found: Any = meta.pk if name == "pk" else meta.get_field(name)
        return f"{table}.{quote(found.column)}"

    columns = [f"{table}.{quote(f.column)}" for f in meta.concrete_fields]
    params: list[Any] = []
    for name, (sql, values) in (extra or {}).items():
        columns.append(f"({sql}) AS {quote(name)}")
        params.extend(values)
    conditions = " AND ".join(f"{column(name)} = %s" for name in equal)
    params.extend(equal.values())
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {conditions} LIMIT 1"  # noqa: S608 - names quoted by the backend
    return next(iter(model._base_manager.raw(sql, params)), None)

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


def _where(model: type[models.Model], equal: dict[str, Any]) -> tuple[Any, str, str]:
    """The connection for reading `model`, its quoted table and the condition
    `table.column = %s AND …` for the fields named in `equal` (the values go as
    parameters, in `equal`'s order)."""
    meta = model._meta
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(meta.db_table)
    conditions = " AND ".join(f"{column(model, name)} = %s" for name in equal)
    return connection, table, conditions


def column(model: type[models.Model], name: str) -> str:
    """`name`'s column of `model`, quoted and qualified with the table ("pk" is the
    primary key; a foreign key by its field name)."""
    meta = model._meta
    quote = connections[router.db_for_read(model)].ops.quote_name
    found: Any = meta.pk if name == "pk" else meta.get_field(name)
    return f"{quote(meta.db_table)}.{quote(found.column)}"


def value_of(model: type[models.Model], field: str, **equal: Any) -> Any:
    """`field` of the first row of `model` whose fields equal `equal` (by field
    name; a foreign key by its name, with the key as value), None without one.
    Meant for at most one matching row: there is no order."""
    connection, table, conditions = _where(model, equal)
    sql = f"SELECT {column(model, field)} FROM {table} WHERE {conditions} LIMIT 1"  # noqa: S608 - names quoted by the backend
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
    connection, table, conditions = _where(model, equal)
    quote = connection.ops.quote_name
    columns = [column(model, f.name) for f in model._meta.concrete_fields]
    params: list[Any] = []
    for name, (sql, values) in (extra or {}).items():
        columns.append(f"({sql}) AS {quote(name)}")
        params.extend(values)
    params.extend(equal.values())
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {conditions} LIMIT 1"  # noqa: S608 - names quoted by the backend
    return next(iter(model._base_manager.raw(sql, params)), None)

"""Keyset pagination: "next" and "previous" pages whose cost does not grow with depth.

Django's Paginator runs an exact `COUNT(*)` over the whole list on every request and
fetches page N with `OFFSET (N-1) × size`, which reads and throws away every row
before it: page 500 of 100,000 contributions costs many times page 1. A keyset page
instead remembers the sort values of the last (or first) row it showed, in an opaque
cursor (`?after=…` / `?before=…`), and asks for the rows that come after (or before)
them in the list's order — an index in list order answers that as fast on page 500 as
on page 1.

    KEYS = (Key("created_at"), Key("id"))          # newest first, id as tiebreak
    page = keyset_page(queryset, KEYS, request.GET, size=20)
    page.object_list, page.next_query, page.previous_query, page.total, page.more

The keys must end with a unique field (the tiebreak), so that the order is total and
no row is shown twice or skipped. A key may be a model field or an annotation (e.g. a
counted subquery); `nulls_last` keys (descending with empty values at the end) are
supported. A cursor that does not decode (edited by hand, an old link) gives the first
page, never an error.

The total is counted only up to COUNT_LIMIT rows (`SELECT COUNT(*) FROM (… LIMIT
1001)`): exact for short lists, "more than 1,000" for long ones — flat in the size of
the data. Templates: `includes/keyset_pagination.html` for the links.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Q, QuerySet
from django.http import QueryDict

COUNT_LIMIT = 1000
AFTER, BEFORE = "after", "before"


@dataclass(frozen=True)
class Key:
    """One sort key of a list: a field or annotation, its direction, and whether
    empty values sort last (only for descending nullable keys)."""

    name: str
    descending: bool = True
    nulls_last: bool = False

    def order(self, reverse: bool = False) -> Any:
        expression = F(self.name)
        descending = self.descending != reverse
        if self.nulls_last:
            # Reversing the whole order puts the empty values first.
            if reverse:
                return expression.asc(nulls_first=True)
            return expression.desc(nulls_last=True)
        return expression.desc() if descending else expression.asc()


def ordering(keys: Sequence[Key]) -> list[Any]:
    """The order_by() arguments of a keyset list."""
    return [key.order() for key in keys]


@dataclass
class KeysetPage:
    object_list: list[Any]
    next_query: str = ""
    previous_query: str = ""
    total: int = 0
    more: bool = False  # the total is a lower bound: more than COUNT_LIMIT rows
    limit: int = COUNT_LIMIT
    keys: Sequence[Key] = field(default_factory=tuple)

    @property
    def has_next(self) -> bool:
        return bool(self.next_query)

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_query)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def encode_cursor(row: Any, keys: Sequence[Key]) -> str:
    """The cursor that points just behind (or before) `row`."""
    values = [_jsonable(getattr(row, key.name)) for key in keys]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, keys: Sequence[Key], model: Any) -> list[Any] | None:
    """The key values of a cursor, typed by the model's fields; None if invalid."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != len(keys):
        return None
    typed: list[Any] = []
    for key, value in zip(keys, values, strict=True):
        if value is None:
            if not key.nulls_last:
                return None
            typed.append(None)
            continue
        if not isinstance(value, int | float | str) or isinstance(value, bool):
            return None
        try:
            model_field = model._meta.get_field(key.name)
        except FieldDoesNotExist:
            # Annotations are counts, or a search rank (a float).
            if not isinstance(value, int | float):
                return None
            typed.append(value)
            continue
        try:
            typed.append(model_field.to_python(value))
        except ValidationError:
            return None
    return typed


def _beyond(key: Key, value: Any, forward: bool) -> Q | None:
    """Rows strictly behind `value` on this key (ahead of it when not forward);
    None when there are none."""
    later = key.descending == forward  # descending and forward: smaller values
    if key.nulls_last:
        if value is None:  # empty values come last: nothing behind, all values ahead
            return None if forward else Q(**{f"{key.name}__isnull": False})
        if forward:
            return Q(**{f"{key.name}__lt": value}) | Q(**{f"{key.name}__isnull": True})
        return Q(**{f"{key.name}__gt": value})
    return Q(**{f"{key.name}__{'lt' if later else 'gt'}": value})


def _equal(key: Key, value: Any) -> Q:
    if value is None:
        return Q(**{f"{key.name}__isnull": True})
    return Q(**{key.name: value})


def seek(values: Sequence[Any], keys: Sequence[Key], forward: bool = True) -> Q:
    """The condition "comes after the row with these key values" in list order
    (before it when not forward): the keys compared one after another."""
    condition = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        beyond = _beyond(key, value, forward)
        if beyond is not None:
            condition |= equal & beyond
        equal &= _equal(key, value)
    first, value = keys[0], values[0]
    if not first.nulls_last and value is not None:
        # Implied by the condition, but a plain range on the first key lets the
        # database start in its index instead of testing every row before the cursor.
        later = first.descending == forward
        condition &= Q(**{f"{first.name}__{'lte' if later else 'gte'}": value})
    return condition


def keyset_page(
    queryset: QuerySet[Any],
    keys: Sequence[Key],
    params: Mapping[str, Any],
    *,
    size: int = 20,
    count_limit: int = COUNT_LIMIT,
) -> KeysetPage:
    """One page of `queryset` in the order of `keys`, from the cursor in `params`
    (`after` or `before`); `params` (request.GET) also makes the links' queries."""
    model = queryset.model
    after = decode_cursor(str(params.get(AFTER, "")), keys, model)
    before = None if after else decode_cursor(str(params.get(BEFORE, "")), keys, model)
    ordered = queryset.order_by(*ordering(keys))
    if before is not None:
        rows = list(
            ordered.filter(seek(before, keys, forward=False)).order_by(
                *[key.order(reverse=True) for key in keys]
            )[: size + 1]
        )
        has_previous = len(rows) > size
        rows = rows[:size][::-1]
        has_next = True
    else:
        if after is not None:
            ordered = ordered.filter(seek(after, keys))
        rows = list(ordered[: size + 1])
        has_next = len(rows) > size
        rows = rows[:size]
        has_previous = after is not None
    if not rows:  # a stale cursor behind the end: no links onwards
        has_next = has_next and before is not None
        has_previous = has_previous and after is not None

    base = QueryDict(mutable=True)
    if isinstance(params, QueryDict):
        base = params.copy()
    for name in (AFTER, BEFORE, "page"):
        base.pop(name, None)

    def link(name: str, row: Any) -> str:
        query = base.copy()
        query[name] = encode_cursor(row, keys)
        return query.urlencode()

    total = (
        queryset.order_by().values("pk")[: count_limit + 1].count()
        if count_limit
        else 0
    )
    return KeysetPage(
        object_list=rows,
        next_query=link(AFTER, rows[-1]) if rows and has_next else "",
        previous_query=link(BEFORE, rows[0]) if rows and has_previous else "",
        total=min(total, count_limit),
        more=total > count_limit,
        limit=count_limit,
        keys=tuple(keys),
    )

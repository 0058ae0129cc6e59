"""Choosing one of many by typing a part of its name (issue 19): the impact pages'
initiative and decision choices. A municipality has thousands of initiatives and
decisions; a select with an option for each grew the page with the data (2,016
options on Musterstadt's goals page). Instead the page has a search field; the
words are matched on the server (no JavaScript needed) and the page offers at most
`OFFERED` matching rows to choose from, says when more matched than it shows and
when nothing matched. Validation does not depend on what was offered: the chosen
id is still looked up among all the choices the person may make (the form's
queryset), so a forged id is refused next to the field.

The matching is every search field's (core/word_search.py): every word (at most
five) must occur in one of the fields, case-insensitively."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from quartier.core.word_search import every_word, words_of

OFFERED = 20
LONGEST = 100


@dataclass(frozen=True)
class Found:
    """The outcome of a search: what was typed, the (pk, label) rows offered and
    whether more matched than are offered. `searched` is false when nothing was
    typed (then nothing is read)."""

    text: str = ""
    choices: list[tuple[Any, str]] = field(default_factory=list)
    more: bool = False

    @property
    def searched(self) -> bool:
        return bool(self.text.split())

    @property
    def limit(self) -> int:
        return OFFERED


def typed(data: Any, name: str) -> str:
    """The text typed into the search field `name` of a GET or POST (trimmed; a NUL
    character, which PostgreSQL refuses in a query, is dropped)."""
    return str(data.get(name, "") or "").replace("\x00", "").strip()[:LONGEST]


def find(
    queryset: QuerySet[Any],
    text: str,
    fields: tuple[str, ...] = ("title",),
    *,
    columns: tuple[str, ...] | None = None,
    label: Callable[[tuple[Any, ...]], str] | None = None,
    order: tuple[str, ...] = ("title", "pk"),
) -> Found:
    """The rows of `queryset` in whose `fields` every typed word occurs (each word
    in one of them), in `order`, at most OFFERED, as (pk, label): `label(row)` names
    a row of ("pk", *columns) (by default the first column; columns default to the
    fields). Reads nothing when nothing was typed; one query otherwise, whatever
    the size of the data."""
    if not words_of(text):
        return Found(text=text)
    queryset = every_word(queryset, text, *fields)
    rows = list(
        queryset.order_by(*order).values_list("pk", *(columns or fields))[: OFFERED + 1]
    )
    named = label or (lambda row: str(row[1]))
    return Found(
        text=text,
        choices=[(row[0], named(row)) for row in rows[:OFFERED]],
        more=len(rows) > OFFERED,
    )

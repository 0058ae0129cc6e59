"""“Meine Übersicht”: the start page of every signed-in person, built from one registry.

Each app registers in its AppConfig.ready() the queues it offers:
- work queues ("work") for the people who run things: new contributions to answer,
  booking requests, applications to pre-check, decisions due …, shown when the person
  has the queue's permission in the municipality;
- the person's own things ("mine"): their contributions, registrations, bookings,
  applications, time entries.

core never imports the apps; a new module joins by registering. Every queue costs
two queries (a count and the first few rows), so the page's query count does not grow
with the data (core/tests/test_worklist.py walks the registry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from quartier.core.models import Municipality

WORK = "work"
MINE = "mine"
SHOWN = 5  # rows per queue on the page; the queue's own page has the rest


@dataclass(frozen=True)
class Entry:
    """One row of a queue: what, where to act on it, and a short note (a date)."""

    title: str
    url: str
    note: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class Queue:
    key: str  # "<app>.<name>", unique
    label: Any  # lazy translated heading
    audience: str  # WORK or MINE
    rows: Callable[[Any, Municipality], QuerySet]  # (user, municipality) → rows
    entry: Callable[[Any], Entry]  # a row → what the page shows
    perm: str | None = None  # WORK: the permission on the municipality
    url_name: str | None = None  # the full list (reversed with the municipality)
    empty: Any = None  # what the page says when nothing waits
    order: int = 100


QUEUES: dict[str, Queue] = {}


def register(*queues: Queue) -> None:
    """Add an app's queues (called from its AppConfig.ready())."""
    for queue in queues:
        if queue.audience not in (WORK, MINE):
            raise ValueError(f"{queue.key}: audience must be {WORK!r} or {MINE!r}")
        if queue.audience == WORK and not queue.perm:
            raise ValueError(f"{queue.key}: a work queue needs a permission")
        QUEUES[queue.key] = queue


@dataclass(frozen=True)
class Filled:
    queue: Queue
    count: int
    entries: list[Entry]
    url: str | None


def fill(user: Any, municipality: Municipality, audience: str) -> list[Filled]:
    """The queues of one audience that the person may see, with their rows."""
    from django.urls import reverse

    filled = []
    for queue in sorted(QUEUES.values(), key=lambda q: (q.order, q.key)):
        if queue.audience != audience:
            continue
        if queue.perm and not user.has_perm(queue.perm, municipality):
            continue
        rows = queue.rows(user, municipality)
        count = rows.count()
        entries = [queue.entry(row) for row in rows[:SHOWN]] if count else []
        url = (
            reverse(queue.url_name, kwargs={"municipality_slug": municipality.slug})
            if queue.url_name
            else None
        )
        filled.append(Filled(queue, count, entries, url))
    return filled

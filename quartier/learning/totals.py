"""The sums of the time totals page, read in three passes over a year's entries.

The page shows hours per category, per quarter, per actor and per person, the total,
the individual people's hours together and the viewer's own. Asked one by one these
were ten scans of the year's entries (5,000 in a big town); here every sum without a
grouping comes from one grouped pass, and the two charts with a top each group once
by id (joining the actor's name to every entry to group by it cost as much as two
scans), counting their groups in the same query and reading the names of the shown
rows only. The index `time_entry_sums` holds every column these passes read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, QuerySet, Sum, Value, When, Window

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.learning.models import TimeCategory, TimeEntry

# Whose time a group is (year_totals).
ACTOR, OWN, PERSON = "actor", "own", "person"


@dataclass
class Top:
    """The `rows` with the most hours (name, hours) and everyone else together."""

    rows: list[tuple[str, Decimal]] = field(default_factory=list)
    rest_count: int = 0
    rest_hours: Decimal = Decimal(0)


@dataclass
class YearTotals:
    total: Decimal | None
    by_category: dict[str, Decimal]
    by_quarter: list[Decimal]
    people: Decimal
    own: Decimal | None
    actors: Top
    persons: Top | None


def _top(
    entries: QuerySet[TimeEntry], key: str, limit: int
) -> tuple[list[tuple[int, Decimal]], int]:
    """The `limit` ids of `key` with the most hours (ties: the smaller id), and how
    many there are in all (a window count over the groups, in the same query)."""
    rows = list(
        entries.filter(**{f"{key}__isnull": False})
        .values_list(key)
        .annotate(total=Sum("hours"), count=Window(Count("*")))
        .order_by("-total", key)[:limit]
    )
    return [(pk, total) for pk, total, _n in rows], rows[0][2] if rows else 0


def _named(
    top: list[tuple[int, Decimal]],
    names: dict[int, str],
    count: int,
    hours: Decimal,
) -> Top:
    rows = sorted(
        ((names.get(pk, "?"), total) for pk, total in top),
        key=lambda row: (-row[1], row[0]),
    )
    shown = sum((total for _n, total in top), Decimal(0))
    return Top(rows, count - len(top), hours - shown)


def year_totals(
    entries: QuerySet[TimeEntry], year: int, *, viewer: Any, per_person: bool, top: int
) -> YearTotals:
    """The sums over `entries` (one year's, filtered); `per_person` adds the hours
    per person (the coordination's chart)."""
    # Grouped by category, quarter and whose time (an actor's, the viewer's, other
    # people's): at most 72 rows that add up to every sum without a grouping (ten
    # filtered sums in one row cost half as much again).
    quarter = Case(
        *(
            When(date__lt=datetime.date(year, month, 1), then=Value(n))
            for n, month in ((0, 4), (1, 7), (2, 10))
        ),
        default=Value(3),
    )
    viewer_pk = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    whose = Case(
        When(actor__isnull=False, then=Value(ACTOR)),
        When(person=viewer_pk, then=Value(OWN)),
        default=Value(PERSON),
    )
    groups = (
        entries.annotate(quarter=quarter, whose=whose)
        .values_list("category", "quarter", "whose")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    total = None
    by_category = dict.fromkeys(TimeCategory.values, Decimal(0))
    by_quarter = [Decimal(0)] * 4
    by_whom = dict.fromkeys((ACTOR, OWN, PERSON), Decimal(0))
    own = None
    for category, n, who, hours in groups:
        total = (total or Decimal(0)) + hours
        by_category[category] = by_category.get(category, Decimal(0)) + hours
        by_quarter[n] += hours
        by_whom[who] += hours
        if who == OWN:
            own = by_whom[OWN]
    people = by_whom[OWN] + by_whom[PERSON]
    actor_top, actor_count = _top(entries, "actor", top)
    actor_names = dict(
        Actor.objects.filter(pk__in=[pk for pk, _t in actor_top])
        .order_by()
        .values_list("pk", "name")
    )
    persons = None
    if per_person:
        person_top, person_count = _top(entries, "person", top)
        users = User.objects.filter(pk__in=[pk for pk, _t in person_top])
        person_names = {user.pk: user.public_name for user in users}
        persons = _named(person_top, person_names, person_count, people)
    return YearTotals(
        total=total,
        by_category=by_category,
        by_quarter=by_quarter,
        people=people,
        own=own,
        actors=_named(actor_top, actor_names, actor_count, by_whom[ACTOR]),
        persons=persons,
    )

"""The figures of the time totals page, read from the kept sums of the year
(learning/year_sums.py): the small sums per category, quarter and whose time, the
top of the actors' and the people's charts from their index, and how many there
are. A year with 5,000 entries reads as many rows as one with 100, except the count
of the actors and people with time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.core.models import Municipality, Neighborhood
from quartier.learning import year_sums
from quartier.learning.models import TimeCategory, TimeShare, TimeSum


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
    shares: QuerySet[TimeShare], key: str, limit: int
) -> tuple[list[tuple[int, Decimal]], int]:
    """The `limit` ids of `key` with the most hours (ties: the smaller id), read
    from the rank index, and how many there are in all."""
    shares = shares.filter(**{f"{key}__isnull": False})
    top = list(shares.order_by("-hours", key).values_list(key, "hours")[:limit])
    return top, shares.count()


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
    municipality: Municipality,
    year: int,
    neighborhood: Neighborhood | None,
    *,
    viewer: Any,
    per_person: bool,
    top: int,
) -> YearTotals:
    """The sums of a town's year, in one neighbourhood or (None) in all;
    `per_person` adds the hours per person (the coordination's chart)."""
    area = {"municipality": municipality, "year": year, "neighborhood": neighborhood}
    cell_rows = TimeSum.objects.filter(**area).values_list(
        "category", "quarter", "of_actors", "hours"
    )
    cells = list(cell_rows)
    if not cells and year_sums.ensure(municipality.pk, year):
        cells = list(cell_rows.all())
    total = None
    by_category = dict.fromkeys(TimeCategory.values, Decimal(0))
    by_quarter = [Decimal(0)] * 4
    actors_hours = people = Decimal(0)
    for category, quarter, of_actors, hours in cells:
        total = (total or Decimal(0)) + hours
        by_category[category] = by_category.get(category, Decimal(0)) + hours
        by_quarter[quarter - 1] += hours
        if of_actors:
            actors_hours += hours
        else:
            people += hours
    shares = TimeShare.objects.filter(**area)
    own = None
    if getattr(viewer, "is_authenticated", False) and people:
        own = shares.filter(person=viewer).values_list("hours", flat=True).first()
    actor_top, actor_count = _top(shares, "actor", top)
    actor_names = dict(
        Actor.objects.filter(pk__in=[pk for pk, _t in actor_top])
        .order_by()
        .values_list("pk", "name")
    )
    persons = None
    if per_person:
        person_top, person_count = _top(shares, "person", top)
        users = User.objects.filter(pk__in=[pk for pk, _t in person_top])
        person_names = {user.pk: user.public_name for user in users}
        persons = _named(person_top, person_names, person_count, people)
    return YearTotals(
        total=total,
        by_category=by_category,
        by_quarter=by_quarter,
        people=people,
        own=own,
        actors=_named(actor_top, actor_names, actor_count, actors_hours),
        persons=persons,
    )

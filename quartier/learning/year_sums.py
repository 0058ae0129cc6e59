"""The kept sums of the time totals page (issue 19): what it reads instead of a
year's entries, so that a town with 5,000 entries a year is shown as fast as one
with 100.

Two tables, both per municipality and year, each row in one neighbourhood or, with
the neighbourhood empty, in all of them (the page's filter):
- `TimeSum`: the hours per category, quarter and whose time (actors' or people's);
  at most 48 rows per neighbourhood, which add up to every figure without a chart;
- `TimeShare`: the hours of each actor and each person, read in order of hours from
  an index for the charts' top 15 (and the viewer's own hours).

Every save and delete of a time entry recounts the rows it touches, before and
after the change, from the entries themselves, in the write's transaction and after
locking the municipality's row (signals below, so the services, the demo loader,
the tests' factories and the deletion of a person are all covered; the same
bookkeeping as participation/counters.py). A recount is idempotent, so a row that
drifted is right again after the next write to it.

Writes that bypass `save()` — `bulk_create` (bench data), `QuerySet.update` of the
summed fields — must call `rebuild`. A year with entries but no kept rows at all is
rebuilt when the page is first read (installations from before the sums). `quartier
check_time_sums` compares every kept row with the entries and, with `--fix`,
rebuilds the years that drifted. A neighbourhood's deletion removes its rows (the
entries lose the neighbourhood; the rows for all neighbourhoods stay right).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Case, QuerySet, Subquery, Sum, Value, When
from django.db.models.signals import post_delete, post_save, pre_save

from quartier.core.models import Municipality
from quartier.learning.models import TimeEntry, TimeShare, TimeSum

# The first month of each quarter.
QUARTER_STARTS = (1, 4, 7, 10)


class Cell(NamedTuple):
    """A `TimeSum` row's key."""

    municipality: int
    year: int
    neighborhood: int | None
    category: str
    quarter: int
    of_actors: bool


class Share(NamedTuple):
    """A `TimeShare` row's key."""

    municipality: int
    year: int
    neighborhood: int | None
    actor: int | None
    person: int | None


def quarter_of(date: datetime.date) -> int:
    return (date.month - 1) // 3 + 1


def _quarter_range(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, QUARTER_STARTS[quarter - 1], 1)
    end = (
        datetime.date(year + 1, 1, 1)
        if quarter == 4
        else datetime.date(year, QUARTER_STARTS[quarter], 1)
    )
    return start, end


def keys_of(values: dict[str, Any]) -> tuple[set[Cell], set[Share]]:
    """The rows an entry with these values counts in (its own neighbourhood's, if it
    has one, and those of all neighbourhoods)."""
    date = values["date"]
    areas = {None, values["neighborhood_id"]}
    common = (values["municipality_id"], date.year)
    cells = {
        Cell(
            *common,
            area,
            values["category"],
            quarter_of(date),
            values["actor_id"] is not None,
        )
        for area in areas
    }
    shares = {
        Share(*common, area, values["actor_id"], values["person_id"]) for area in areas
    }
    return cells, shares


# What an entry's sums depend on: the keys of its rows, and its hours.
FIELDS = (
    "municipality_id",
    "date",
    "neighborhood_id",
    "category",
    "actor_id",
    "person_id",
    "hours",
)


def _values(entry: TimeEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in FIELDS}


def _area(
    entries: QuerySet[TimeEntry], neighborhood: int | None
) -> QuerySet[TimeEntry]:
    """An area's entries: one neighbourhood's, or (None) all."""
    return entries.filter(neighborhood=neighborhood) if neighborhood else entries


def _columns(key: Cell | Share) -> dict[str, Any]:
    """A key as the row's columns (foreign keys by their ids)."""
    foreign = ("municipality", "neighborhood", "actor", "person")
    return {
        f"{name}_id" if name in foreign else name: value
        for name, value in key._asdict().items()
    }


def _write(model: type[Any], key: Cell | Share, hours: Decimal | None) -> None:
    rows = model.objects.filter(**_columns(key))
    if not hours:
        rows.delete()
    elif not rows.update(hours=hours):
        model.objects.create(**_columns(key), hours=hours)


def _recount_cell(cell: Cell) -> None:
    start, end = _quarter_range(cell.year, cell.quarter)
    entries = _area(
        TimeEntry.objects.filter(
            municipality=cell.municipality,
            date__gte=start,
            date__lt=end,
            category=cell.category,
            actor__isnull=not cell.of_actors,
        ),
        cell.neighborhood,
    )
    _write(TimeSum, cell, entries.aggregate(hours=Sum("hours"))["hours"])


def _recount_share(share: Share) -> None:
    year = share.year
    entries = _area(
        TimeEntry.objects.filter(
            municipality=share.municipality,
            date__gte=datetime.date(year, 1, 1),
            date__lt=datetime.date(year + 1, 1, 1),
            actor=share.actor,
            person=share.person,
        ),
        share.neighborhood,
    )
    _write(TimeShare, share, entries.aggregate(hours=Sum("hours"))["hours"])


def _lock(municipality_id: int) -> None:
    """Writers of one town's sums one after the other: each counts after the one
    before has committed (FOR NO KEY UPDATE: inserts that point at the town go on)."""
    list(
        Municipality.objects.select_for_update(no_key=True)
        .filter(pk=municipality_id)
        .values_list("pk", flat=True)
    )


def recount(cells: Iterable[Cell], shares: Iterable[Share]) -> None:
    """Set these rows to what the entries say (an empty sum removes its row)."""
    cells, shares = set(cells), set(shares)
    with transaction.atomic(savepoint=False):
        for town in sorted({key.municipality for key in [*cells, *shares]}):
            _lock(town)
        for cell in cells:
            _recount_cell(cell)
        for share in shares:
            _recount_share(share)


def _year_entries(municipality_id: int, year: int) -> QuerySet[TimeEntry]:
    return TimeEntry.objects.filter(
        municipality=municipality_id,
        date__gte=datetime.date(year, 1, 1),
        date__lt=datetime.date(year + 1, 1, 1),
    )


def counted(
    municipality_id: int, year: int
) -> tuple[dict[Cell, Decimal], dict[Share, Decimal]]:
    """The true rows of a year, counted from its entries in two grouped passes."""
    entries = _year_entries(municipality_id, year)
    quarter = Case(
        *(
            When(date__lt=datetime.date(year, month, 1), then=Value(n))
            for n, month in enumerate(QUARTER_STARTS[1:], start=1)
        ),
        default=Value(4),
    )
    cells: dict[Cell, Decimal] = defaultdict(Decimal)
    groups = (
        entries.annotate(
            quarter=quarter,
            of_actors=Case(
                When(actor__isnull=False, then=Value(True)), default=Value(False)
            ),
        )
        .values_list("neighborhood", "category", "quarter", "of_actors")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    for neighborhood, category, n, of_actors, hours in groups:
        for area in {None, neighborhood}:
            cells[Cell(municipality_id, year, area, category, n, bool(of_actors))] += (
                hours
            )
    shares: dict[Share, Decimal] = defaultdict(Decimal)
    groups = (
        entries.values_list("neighborhood", "actor", "person")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    for neighborhood, actor, person, hours in groups:
        for area in {None, neighborhood}:
            shares[Share(municipality_id, year, area, actor, person)] += hours
    return cells, shares


def kept(
    municipality_id: int, year: int
) -> tuple[dict[Cell, Decimal], dict[Share, Decimal]]:
    """The rows a year has."""
    cells = {
        Cell(municipality_id, year, n, c, q, a): hours
        for n, c, q, a, hours in TimeSum.objects.filter(
            municipality=municipality_id, year=year
        ).values_list("neighborhood", "category", "quarter", "of_actors", "hours")
    }
    shares = {
        Share(municipality_id, year, n, actor, person): hours
        for n, actor, person, hours in TimeShare.objects.filter(
            municipality=municipality_id, year=year
        ).values_list("neighborhood", "actor", "person", "hours")
    }
    return cells, shares


def rebuild(municipality_id: int, year: int) -> None:
    """Count a year's rows afresh from its entries (after a bulk write)."""
    with transaction.atomic():
        _lock(municipality_id)
        cells, shares = counted(municipality_id, year)
        TimeSum.objects.filter(municipality=municipality_id, year=year).delete()
        TimeShare.objects.filter(municipality=municipality_id, year=year).delete()
        TimeSum.objects.bulk_create(
            (TimeSum(**_columns(cell), hours=hours) for cell, hours in cells.items()),
            batch_size=500,
        )
        TimeShare.objects.bulk_create(
            (
                TimeShare(**_columns(share), hours=hours)
                for share, hours in shares.items()
            ),
            batch_size=500,
        )


def entry_span(municipality_id: int) -> tuple[int, int] | None:
    """The years of a town's first and last entry (None without entries): two
    index reads as subqueries of one query. Django's dates() truncated each row's
    date in Python on SQLite, and SQLite reads MIN and MAX in one aggregate as a
    pass over the town's entries (0.5 ms)."""
    entries = TimeEntry.objects.filter(municipality=municipality_id)
    span = (
        Municipality.objects.filter(pk=municipality_id)
        .values(
            first=Subquery(entries.order_by("date").values("date")[:1]),
            last=Subquery(entries.order_by("-date").values("date")[:1]),
        )
        .get()
    )
    if span["first"] is None:
        return None
    return span["first"].year, span["last"].year


def years_of(municipality_id: int) -> list[int]:
    """The years a town has entries or kept rows in."""
    span = entry_span(municipality_id)
    years = set(range(span[0], span[1] + 1)) if span else set()
    years |= set(
        TimeSum.objects.filter(municipality=municipality_id)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years)


def rebuild_all(municipality_id: int) -> None:
    for year in years_of(municipality_id):
        rebuild(municipality_id, year)


def ensure(municipality_id: int, year: int) -> bool:
    """Build a year's rows if it has entries but no rows (entries from before the
    sums, or written in bulk); True if it did. Two requests at the same moment
    build them one after the other (`rebuild` takes the town's lock)."""
    if TimeSum.objects.filter(municipality=municipality_id, year=year).exists():
        return False
    if not _year_entries(municipality_id, year).exists():
        return False
    rebuild(municipality_id, year)
    return True


def _differing(truth: dict[Any, Decimal], have: dict[Any, Decimal]) -> int:
    return sum(
        1 for key in truth.keys() | have.keys() if truth.get(key) != have.get(key)
    )


def drift(municipality_id: int) -> list[tuple[int, int]]:
    """The years whose kept rows differ from their entries: (year, rows that differ)."""
    found = []
    for year in years_of(municipality_id):
        true_cells, true_shares = counted(municipality_id, year)
        cells, shares = kept(municipality_id, year)
        differ = _differing(true_cells, cells) + _differing(true_shares, shares)
        if differ:
            found.append((year, differ))
    return found


# -- bookkeeping of single writes ------------------------------------------------


def _before(sender: Any, instance: TimeEntry, **kwargs: Any) -> None:
    """Remember what a changed entry counted in before (one read; none for a new one)."""
    if kwargs.get("raw") or instance.pk is None:
        return
    old = TimeEntry.objects.filter(pk=instance.pk).values(*FIELDS).first()
    if old is not None:
        instance._time_sums_before = old  # type: ignore[attr-defined]


def _after_save(sender: Any, instance: TimeEntry, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    cells, shares = keys_of(_values(instance))
    before = instance.__dict__.pop("_time_sums_before", None)
    if before is not None:
        if before == _values(instance):
            return  # a note or a role changed: no sum did
        old_cells, old_shares = keys_of(before)
        cells |= old_cells
        shares |= old_shares
    recount(cells, shares)


def _after_delete(sender: Any, instance: TimeEntry, **kwargs: Any) -> None:
    # All rows of one delete() are gone before the first post_delete: a key counted
    # for one entry of it is right for the others too (a person's deletion).
    origin = kwargs.get("origin")
    done: set[Any] = set()
    if origin is not None:
        done = origin.__dict__.setdefault("_time_sums_done", set())
    cells, shares = keys_of(_values(instance))
    cells -= done
    shares -= done
    done |= cells | shares
    if cells or shares:
        recount(cells, shares)


def connect() -> None:
    uid = "learning_year_sums"
    pre_save.connect(_before, sender=TimeEntry, dispatch_uid=f"{uid}_before")
    post_save.connect(_after_save, sender=TimeEntry, dispatch_uid=f"{uid}_save")
    post_delete.connect(_after_delete, sender=TimeEntry, dispatch_uid=f"{uid}_delete")

"""Indicator sources: what Quartier can count by itself for an impact model.

An indicator of an impact model (the `impact` app) is either recorded by hand or
*computed* from a source registered here. Every app that holds data worth counting
offers its sources in its own `indicators.py` (forums: meetings and attendance,
funds: people reached, …); the registry imports those modules by name once (like
Django's admin.py), so core never imports the apps and a new module joins by adding
the file.

A source has a key ("<app>.<name>"), a label, a unit, the stage of the
Wirkungstreppe it usually measures (1–7), its formula in one sentence (shown on the
indicator's page and in docs/impact.md) and `compute(municipality, neighbourhood,
start, end, option)` → a number. Some sources take an option (a phase, a topic, a
tension field): `options(municipality)` lists the choices. A source that cannot give
a number (time entries switched off, too few answers) raises `NotAvailable` with a
reason a person can read. impact/tests/test_indicator_sources.py walks the
registry (a hand count per source).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.module_loading import autodiscover_modules

Number = int | float | Decimal
STAGES = range(1, 8)


class NotAvailable(Exception):  # noqa: N818 - a state, not an error
    """The source cannot give a number here; str(exc) says why, in words."""


@dataclass(frozen=True)
class Source:
    key: str  # "<app>.<name>", unique
    label: Any  # lazy translated
    unit: Any  # lazy translated, e.g. "people", "%"
    stage: int  # the suggested stage of the Wirkungstreppe (1–7)
    formula: Any  # lazy translated: how the number is computed, one sentence
    # (municipality, neighbourhood or None, start date, end date, option or None)
    compute: Callable[..., Number]
    # The choices of the option (value, label) for a municipality; None: no option.
    options: Callable[[Any], list[tuple[str, str]]] | None = None
    option_label: Any = None
    option_required: bool = False


_SOURCES: dict[str, Source] = {}
_discovered = False


def register(*sources: Source) -> None:
    """Add an app's sources (called when its `indicators` module is imported)."""
    for source in sources:
        if source.stage not in STAGES:
            raise ValueError(f"{source.key}: the stage lies outside 1–7")
        if source.option_required and source.options is None:
            raise ValueError(f"{source.key}: a required option needs its choices")
        _SOURCES[source.key] = source


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("indicators")


def sources() -> list[Source]:
    """Every registered source, by stage and key."""
    _discover()
    return sorted(_SOURCES.values(), key=lambda s: (s.stage, s.key))


def get(key: str) -> Source | None:
    _discover()
    return _SOURCES.get(key)


def compute(
    key: str,
    municipality: Any,
    neighbourhood: Any,
    start: datetime.date,
    end: datetime.date,
    option: str | None = None,
) -> Number:
    """The source's number for the period [start, end] (both days included)."""
    source = get(key)
    if source is None:
        from django.utils.translation import gettext

        raise NotAvailable(gettext("This source no longer exists."))
    return source.compute(municipality, neighbourhood, start, end, option or None)


def day_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Aware datetimes from the start of `start` to just before the day after `end`
    (the current time zone), for filtering datetime fields by days."""
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return low, high

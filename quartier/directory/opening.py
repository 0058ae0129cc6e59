"""When offerings take place: "open now" and schedules in plain language.

Pure functions over Schedule-like objects (anything with freq, interval, byday,
bymonthday, opens_at, closes_at, dtstart, valid_from, valid_to), so they are tested
without a database. Times in schedules are local to Europe/Berlin; a moment in any
other time zone is converted first. `closes_at` earlier than `opens_at` means the
schedule closes on the next day (e.g. 22:00–02:00).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def parse_byday(value: str) -> list[tuple[int | None, str]]:
    """ "MO,1TU,-1FR" → [(None, "MO"), (1, "TU"), (-1, "FR")]; unknown parts are skipped."""
    parts = []
    for raw in (value or "").upper().split(","):
        raw = raw.strip()
        if len(raw) < 2 or raw[-2:] not in WEEKDAYS:
            continue
        prefix = raw[:-2]
        try:
            ordinal = int(prefix) if prefix else None
        except ValueError:
            continue
        parts.append((ordinal, raw[-2:]))
    return parts


def parse_monthdays(value: str) -> list[int]:
    days = []
    for raw in (value or "").split(","):
        try:
            day = int(raw.strip())
        except ValueError:
            continue
        if 1 <= abs(day) <= 31:
            days.append(day)
    return days


def is_one_off(schedule: Any) -> bool:
    """A schedule valid on one day only ("einmalig am …"): HSDS has no frequency
    "once", so a single date is a weekly rule whose validity starts and ends that
    day."""
    return (
        schedule.freq != "MONTHLY"
        and schedule.valid_from is not None
        and schedule.valid_from == schedule.valid_to
    )


def _months_between(a: datetime.date, b: datetime.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def occurs_on(schedule: Any, day: datetime.date) -> bool:
    """Whether the schedule has an occurrence starting on `day`."""
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    dtstart = getattr(schedule, "dtstart", None)
    if dtstart and day < dtstart:
        return False
    interval = max(schedule.interval or 1, 1)
    weekday = WEEKDAYS[day.weekday()]
    byday = parse_byday(schedule.byday)
    if schedule.freq == "MONTHLY":
        if interval > 1 and dtstart and _months_between(dtstart, day) % interval:
            return False
        monthdays = parse_monthdays(schedule.bymonthday)
        last = calendar.monthrange(day.year, day.month)[1]
        if monthdays and not any(
            day.day == (d if d > 0 else last + d + 1) for d in monthdays
        ):
            return False
        if byday:
            nth = (day.day - 1) // 7 + 1
            nth_from_end = -((last - day.day) // 7 + 1)
            return any(
                code == weekday and (ordinal is None or ordinal in (nth, nth_from_end))
                for ordinal, code in byday
            )
        if not monthdays:
            # No rule given: the day of the month of dtstart (RFC 5545 default).
            return dtstart is not None and day.day == dtstart.day
        return True
    # WEEKLY
    if interval > 1 and dtstart:
        monday_start = dtstart - datetime.timedelta(days=dtstart.weekday())
        monday = day - datetime.timedelta(days=day.weekday())
        if ((monday - monday_start).days // 7) % interval:
            return False
    if byday:
        return any(code == weekday for _ordinal, code in byday)
    if dtstart:
        return day.weekday() == dtstart.weekday()
    return True  # weekly without days: every day (opening hours "daily")


def to_berlin(moment: datetime.datetime) -> datetime.datetime:
    """A moment as Berlin wall-clock time (naive moments are taken as Berlin time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=BERLIN)
    return moment.astimezone(BERLIN)


def is_open(schedule: Any, moment: datetime.datetime) -> bool:
    """Whether `moment` (any time zone) falls into an occurrence of the schedule."""
    local = to_berlin(moment)
    day, time = local.date(), local.time().replace(tzinfo=None)
    opens, closes = schedule.opens_at, schedule.closes_at
    if opens is None and closes is None:
        return occurs_on(schedule, day)  # all day
    opens = opens or datetime.time(0, 0)
    if closes is None or closes == opens:
        # Open until midnight.
        return occurs_on(schedule, day) and time >= opens
    if closes > opens:
        return occurs_on(schedule, day) and opens <= time < closes
    # Across midnight: from `opens` on an occurrence day until `closes` on the next.
    if time >= opens and occurs_on(schedule, day):
        return True
    return time < closes and occurs_on(schedule, day - datetime.timedelta(days=1))


def is_open_now(schedules: Iterable[Any], moment: datetime.datetime) -> bool:
    return any(is_open(s, moment) for s in schedules)


# ---------------------------------------------------------------------------
# Plain language ("dienstags 14–16 Uhr")


def _weekdays_plural() -> dict[str, str]:
    return {
        "MO": _("Mondays"),
        "TU": _("Tuesdays"),
        "WE": _("Wednesdays"),
        "TH": _("Thursdays"),
        "FR": _("Fridays"),
        "SA": _("Saturdays"),
        "SU": _("Sundays"),
    }


def _weekdays_singular() -> dict[str, str]:
    return {
        "MO": _("Monday"),
        "TU": _("Tuesday"),
        "WE": _("Wednesday"),
        "TH": _("Thursday"),
        "FR": _("Friday"),
        "SA": _("Saturday"),
        "SU": _("Sunday"),
    }


def _ordinal(n: int) -> str:
    names = {
        1: pgettext("n-th weekday of the month", "first"),
        2: pgettext("n-th weekday of the month", "second"),
        3: pgettext("n-th weekday of the month", "third"),
        4: pgettext("n-th weekday of the month", "fourth"),
        5: pgettext("n-th weekday of the month", "fifth"),
        -1: pgettext("n-th weekday of the month", "last"),
    }
    return names.get(n, str(n))


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(list)s and %(last)s") % {
        "list": ", ".join(words[:-1]),
        "last": words[-1],
    }


def format_time(value: datetime.time) -> str:
    """14:00 → "14", 14:30 → "14:30"."""
    return f"{value.hour}" if value.minute == 0 else f"{value.hour}:{value.minute:02d}"


def describe_times(opens: datetime.time | None, closes: datetime.time | None) -> str:
    if opens and closes:
        return _("%(from)s–%(until)s h") % {
            "from": format_time(opens),
            "until": format_time(closes),
        }
    if opens:
        return _("from %(from)s h") % {"from": format_time(opens)}
    if closes:
        return _("until %(until)s h") % {"until": format_time(closes)}
    return ""


def _describe_weekdays(codes: list[str]) -> str:
    plural = _weekdays_plural()
    indexes = sorted({WEEKDAYS.index(c) for c in codes})
    if len(indexes) == len(WEEKDAYS):
        return _("daily")
    if len(indexes) >= 3 and indexes[-1] - indexes[0] == len(indexes) - 1:
        return _("%(first)s to %(last)s") % {
            "first": plural[WEEKDAYS[indexes[0]]],
            "last": plural[WEEKDAYS[indexes[-1]]],
        }
    return join_words([plural[WEEKDAYS[i]] for i in indexes])


def describe_days(schedule: Any) -> str:
    interval = max(schedule.interval or 1, 1)
    if is_one_off(schedule):
        return _("once on %(date)s") % {
            "date": date_format(schedule.valid_from, "DATE_FORMAT")
        }
    byday = parse_byday(schedule.byday)
    if schedule.freq == "MONTHLY":
        parts = []
        with_ordinal = [(o, c) for o, c in byday if o is not None]
        plain = [c for o, c in byday if o is None]
        singular = _weekdays_singular()
        if with_ordinal:
            parts.append(
                join_words(
                    [
                        _("every %(ordinal)s %(weekday)s")
                        % {"ordinal": _ordinal(o), "weekday": singular[c]}
                        for o, c in with_ordinal
                        if o is not None
                    ]
                )
            )
        if plain:
            parts.append(_describe_weekdays(plain))
        monthdays = parse_monthdays(schedule.bymonthday)
        if monthdays:
            parts.append(
                _("on day %(days)s")
                % {
                    "days": join_words(
                        [f"{d}." if d > 0 else _("last") for d in monthdays]
                    )
                }
            )
        text = " ".join(parts)
        if interval > 1:
            suffix = _("every %(n)s months") % {"n": interval}
        else:
            suffix = _("of the month") if text else _("monthly")
        return f"{text} {suffix}".strip()
    days = [c for _o, c in byday]
    text = _describe_weekdays(days) if days else ""
    if interval > 1:
        prefix = _("every %(n)s weeks") % {"n": interval}
        return f"{prefix} {text}".strip()
    if not text:
        return _("daily")
    return text


def describe_schedule(schedule: Any) -> str:
    """E.g. "dienstags 14–16 Uhr", "jeden ersten Montag im Monat 18–20 Uhr"."""
    parts = [
        describe_days(schedule),
        describe_times(schedule.opens_at, schedule.closes_at),
    ]
    text = " ".join(p for p in parts if p)
    if schedule.description:
        text = f"{text} ({schedule.description})" if text else schedule.description
    return text

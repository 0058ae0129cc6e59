""" "Open now" and schedules in plain language: pure functions, no database."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from quartier.directory.opening import (
    describe_schedule,
    is_open,
    is_open_now,
    occurs_on,
    parse_byday,
)

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


@dataclass
class Sched:
    freq: str = "WEEKLY"
    interval: int = 1
    byday: str = ""
    bymonthday: str = ""
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    dtstart: datetime.date | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    description: str = ""


def t(h, m=0):
    return datetime.time(h, m)


def berlin(y, mo, d, h, mi=0):
    return datetime.datetime(y, mo, d, h, mi, tzinfo=BERLIN)


# 2025-03-04 is a Tuesday.
TUESDAY = Sched(byday="TU", opens_at=t(14), closes_at=t(16))


def test_weekly_inside_and_outside():
    assert is_open(TUESDAY, berlin(2025, 3, 4, 14))
    assert is_open(TUESDAY, berlin(2025, 3, 4, 15, 59))
    assert not is_open(TUESDAY, berlin(2025, 3, 4, 16))  # closes_at is exclusive
    assert not is_open(TUESDAY, berlin(2025, 3, 4, 13, 59))
    assert not is_open(TUESDAY, berlin(2025, 3, 5, 15))  # Wednesday


def test_across_midnight_belongs_to_the_day_it_opened():
    # Saturday 21:00 – Sunday 00:30 (2025-03-08 is a Saturday).
    late = Sched(byday="SA", opens_at=t(21), closes_at=t(0, 30))
    assert is_open(late, berlin(2025, 3, 8, 23, 59))
    assert is_open(late, berlin(2025, 3, 9, 0, 15))  # Sunday morning, still Saturday's
    assert not is_open(late, berlin(2025, 3, 9, 0, 30))
    assert not is_open(late, berlin(2025, 3, 8, 0, 15))  # Friday night is not open
    assert not is_open(late, berlin(2025, 3, 9, 22))  # Sunday evening


def test_across_midnight_into_a_new_month():
    # Monthly on the last Friday, 22:00–02:00: 2025-02-28 is the last Friday of February.
    late = Sched(freq="MONTHLY", byday="-1FR", opens_at=t(22), closes_at=t(2))
    assert is_open(late, berlin(2025, 3, 1, 1, 30))
    assert not is_open(late, berlin(2025, 2, 21, 23))


def test_other_time_zones_are_converted_to_berlin():
    # 13:30 UTC on 2025-03-04 is 14:30 in Berlin (CET, UTC+1).
    assert is_open(TUESDAY, datetime.datetime(2025, 3, 4, 13, 30, tzinfo=UTC))
    assert not is_open(TUESDAY, datetime.datetime(2025, 3, 4, 15, 30, tzinfo=UTC))
    # 08:30 in New York is 14:30 in Berlin.
    assert is_open(TUESDAY, datetime.datetime(2025, 3, 4, 8, 30, tzinfo=NEW_YORK))
    # 22:30 on Tuesday in Tokyo is 14:30 Tuesday in Berlin …
    assert is_open(TUESDAY, datetime.datetime(2025, 3, 4, 22, 30, tzinfo=TOKYO))
    # … while 14:30 Tuesday in Tokyo is Tuesday 06:30 in Berlin: closed.
    assert not is_open(TUESDAY, datetime.datetime(2025, 3, 4, 14, 30, tzinfo=TOKYO))


def test_midnight_crossing_seen_from_another_time_zone():
    late = Sched(byday="SA", opens_at=t(21), closes_at=t(0, 30))
    # Sunday 00:15 in Berlin = Saturday 23:15 UTC (CET).
    assert is_open(late, datetime.datetime(2025, 3, 8, 23, 15, tzinfo=UTC))
    # Saturday 19:15 in New York = Sunday 01:15 in Berlin: closed.
    assert not is_open(late, datetime.datetime(2025, 3, 8, 19, 15, tzinfo=NEW_YORK))


def test_summer_time():
    # 2025-07-01 is a Tuesday; Berlin is UTC+2 then.
    assert is_open(TUESDAY, datetime.datetime(2025, 7, 1, 12, 30, tzinfo=UTC))
    assert not is_open(TUESDAY, datetime.datetime(2025, 7, 1, 14, 30, tzinfo=UTC))


def test_monthly_rules():
    first_monday = Sched(freq="MONTHLY", byday="1MO", opens_at=t(18), closes_at=t(20))
    assert occurs_on(first_monday, datetime.date(2025, 3, 3))
    assert not occurs_on(first_monday, datetime.date(2025, 3, 10))
    last_wednesday = Sched(freq="MONTHLY", byday="-1WE")
    assert occurs_on(last_wednesday, datetime.date(2025, 3, 26))
    assert not occurs_on(last_wednesday, datetime.date(2025, 3, 19))
    fifteenth = Sched(freq="MONTHLY", bymonthday="15")
    assert occurs_on(fifteenth, datetime.date(2025, 4, 15))
    assert not occurs_on(fifteenth, datetime.date(2025, 4, 16))
    last_day = Sched(freq="MONTHLY", bymonthday="-1")
    assert occurs_on(last_day, datetime.date(2025, 2, 28))


def test_every_second_week_counts_from_dtstart():
    biweekly = Sched(interval=2, byday="MO", dtstart=datetime.date(2025, 1, 6))
    assert occurs_on(biweekly, datetime.date(2025, 1, 6))
    assert not occurs_on(biweekly, datetime.date(2025, 1, 13))
    assert occurs_on(biweekly, datetime.date(2025, 1, 20))


def test_validity_period():
    summer = Sched(
        byday="WE",
        opens_at=t(15),
        closes_at=t(18),
        valid_from=datetime.date(2025, 4, 1),
        valid_to=datetime.date(2025, 10, 31),
    )
    assert is_open(summer, berlin(2025, 7, 2, 16))
    assert not is_open(summer, berlin(2025, 12, 3, 16))


def test_any_schedule_open():
    other = Sched(byday="TH", opens_at=t(9), closes_at=t(12))
    assert is_open_now([other, TUESDAY], berlin(2025, 3, 4, 15))
    assert not is_open_now([other], berlin(2025, 3, 4, 15))
    assert not is_open_now([], berlin(2025, 3, 4, 15))


def test_parse_byday_ignores_garbage():
    assert parse_byday("mo, 1TU,-1fr,XX,") == [(None, "MO"), (1, "TU"), (-1, "FR")]


@pytest.mark.parametrize(
    ("schedule", "english"),
    [
        (TUESDAY, "Tuesdays 14–16 h"),
        (
            Sched(byday="MO,WE", opens_at=t(9, 30), closes_at=t(12)),
            "Mondays and Wednesdays 9:30–12 h",
        ),
        (
            Sched(byday="MO,TU,WE,TH,FR", opens_at=t(8), closes_at=t(12)),
            "Mondays to Fridays 8–12 h",
        ),
        (
            Sched(freq="MONTHLY", byday="1MO", opens_at=t(18), closes_at=t(20)),
            "every first Monday of the month 18–20 h",
        ),
        (
            Sched(interval=2, byday="TH", opens_at=t(17)),
            "every 2 weeks Thursdays from 17 h",
        ),
        (Sched(), "daily"),
        (Sched(byday="MO,TU,WE,TH,FR,SA,SU", opens_at=t(8)), "daily from 8 h"),
        (
            Sched(byday="1MO,3MO", freq="MONTHLY", opens_at=t(18), closes_at=t(20)),
            "every first Monday and every third Monday of the month 18–20 h",
        ),
    ],
)
def test_plain_language(schedule, english):
    with translation.override("en"):
        assert describe_schedule(schedule) == english


ONCE = datetime.date(2027, 3, 5)


def test_one_date_is_described_as_once_and_open_only_that_day():
    once = Sched(
        dtstart=ONCE,
        valid_from=ONCE,
        valid_to=ONCE,
        opens_at=t(10),
        closes_at=t(12, 30),
        description="Tag der offenen Tür",
    )
    with translation.override("de"):
        assert describe_schedule(once) == (
            "einmalig am 5. März 2027 10–12:30 Uhr (Tag der offenen Tür)"
        )
    assert is_open(once, berlin(2027, 3, 5, 11))
    assert not is_open(once, berlin(2027, 3, 12, 11))
    assert not is_open(once, berlin(2027, 2, 26, 11))
    # A monthly rule valid for one day is still a monthly rule.
    monthly = Sched(freq="MONTHLY", byday="1FR", valid_from=ONCE, valid_to=ONCE)
    with translation.override("de"):
        assert describe_schedule(monthly).startswith("jeden ersten Freitag")

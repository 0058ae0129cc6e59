"""Seeds the rooms of Musterstadt and their bookings from `data/rooms.yaml`.

Rows are found by natural keys (room slug; booking: room, purpose, position in its
series), so a second run changes nothing.
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from quartier.core.models import Municipality, Neighborhood
from quartier.core.sanitize import clean_html
from quartier.demo import records
from quartier.demo.records import upsert
from quartier.forums.models import Meeting
from quartier.rooms.models import Booking, OpeningHours, Room

SLUG = "musterstadt"
SERIES_NS = uuid.UUID("6f1c0c52-6a43-4d1e-9b1a-6b1e2f3a4c5d")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def opening_hours(
    lines: list[str],
) -> set[tuple[int, datetime.time, datetime.time]]:
    """["MO,TU 08:00-22:00"] → {(weekday, opens, closes)}."""
    hours = set()
    for line in lines:
        days, span = line.split(" ")
        opens, closes = (datetime.time.fromisoformat(t) for t in span.split("-"))
        hours |= {(WEEKDAYS.index(d), opens, closes) for d in days.split(",")}
    return hours


def _meeting(municipality: Municipality, key: str) -> Meeting:
    spec = next(m for m in records.read("forums")["meetings"] if m["key"] == key)
    return Meeting.objects.get(
        municipality=municipality, forum__slug=spec["forum"], title=spec["title"]
    )


def load(summary: records.Summary) -> None:
    """Write the rooms and bookings of Musterstadt (idempotent)."""
    data = records.read("rooms")
    municipality = records.get_municipality(SLUG)
    who = records.Who(municipality)
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    rooms: dict[str, Room] = {}
    open_days: dict[str, set[int]] = {}
    for spec in data["rooms"]:
        owner = who("actor:" + spec["owner"])[1] if spec["owner"] else None
        room = upsert(
            Room,
            {"municipality": municipality, "slug": spec["slug"]},
            {
                "name": spec["name"],
                "owner_actor": owner,
                "address": spec["address"],
                "neighborhood": neighborhoods.get(spec["neighborhood"]),
                "capacity": spec["capacity"],
                "accessibility": spec["accessibility"],
                "equipment": spec["equipment"],
                "house_rules": clean_html(spec["house_rules"]),
                "bookable_by": spec["bookable_by"],
                "approval": spec["approval"],
                "is_free": spec["is_free"],
                "fee": spec.get("fee", ""),
                "is_public": True,
                "archived_at": None,
            },
            summary,
            "room",
        )
        wanted = opening_hours(spec["hours"])
        have = {(h.weekday, h.opens, h.closes) for h in room.opening_hours.all()}
        if wanted != have:
            room.opening_hours.all().delete()
            OpeningHours.objects.bulk_create(
                OpeningHours(room=room, weekday=d, opens=o, closes=c)
                for d, o, c in sorted(wanted)
            )
        rooms[spec["slug"]] = room
        open_days[spec["slug"]] = {d for d, _o, _c in wanted}

    today = timezone.localdate()
    half_hour = datetime.timedelta(minutes=30)
    for spec in data["bookings"]:
        slug, purpose, weeks = spec["room"], spec["purpose"], spec.get("weeks", 1)
        meeting = _meeting(municipality, spec["meeting"]) if "meeting" in spec else None
        if meeting is not None:
            first_start = meeting.starts_at - half_hour
            first_end = meeting.ends_at + half_hour
        else:
            # Move to the next day the room is open (dates depend on the seed day).
            days, start_time = spec["starts"].split(" ")
            first = records.day(days, today)
            while first.weekday() not in open_days[slug]:
                first += datetime.timedelta(days=1)
            first_start = records.at(first, start_time)
            first_end = records.at(first, spec["ends"])
        series = uuid.uuid5(SERIES_NS, f"{slug}:{purpose}") if weeks > 1 else None
        for week in range(weeks):
            shift = datetime.timedelta(weeks=week)
            upsert(
                Booking,
                {
                    "room": rooms[slug],
                    "purpose": purpose,
                    "series_position": week + 1 if series else None,
                },
                {
                    "municipality": municipality,
                    "purpose_public": spec.get("public", True),
                    "expected_people": spec["people"],
                    "requested_by": who("user:" + spec["by"])[1],
                    "on_behalf_of": who("actor:" + spec["on_behalf_of"])[1]
                    if spec.get("on_behalf_of")
                    else None,
                    "starts_at": _local(first_start, shift),
                    "ends_at": _local(first_end, shift),
                    "status": spec["status"],
                    "rejection_reason": spec.get("reason", ""),
                    "series": series,
                    "meeting": meeting,
                },
                summary,
                "booking",
            )


def _local(moment: datetime.datetime, shift: datetime.timedelta) -> datetime.datetime:
    """`moment` plus whole weeks at the same local time (across DST changes)."""
    local = timezone.localtime(moment)
    return timezone.make_aware(local.replace(tzinfo=None) + shift)

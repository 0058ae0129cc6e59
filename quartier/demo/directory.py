"""Seeds the directory of Musterstadt from `data/directory.yaml`: places (some of
them meeting places) and the offerings of the demo actors, with schedules, languages,
contacts, topics and target groups.

Ids are uuid5 of natural keys (models.stable_uuid), so they stay the same across runs
and installations; a second run changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.demo.records import get_actor, get_municipality, set_m2m, upsert
from quartier.directory.defaults import ensure_default_terms
from quartier.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
    stable_uuid,
)

SLUG = "musterstadt"


def _schedule_rows(spec: str) -> list[dict[str, Any]]:
    """ "MO,TU 14:00-16:00" / "1MO 18:00-20:00" / "2W:WE 10:00-11:30", comma-separated
    groups sharing a time ("WE 16:00-19:00,SA 10:00-14:00") → schedule values."""
    rows: list[dict[str, Any]] = []
    if not spec:
        return rows
    pending: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        if " " not in part:
            pending.append(part)
            continue
        days, times = part.split(" ", 1)
        pending.append(days)
        opens, closes = (
            datetime.time.fromisoformat(t.zfill(5)) for t in times.split("-")
        )
        interval = 1
        if pending[0].startswith("2W:"):
            interval = 2
            pending[0] = pending[0][3:]
        monthly = any(d[:-2] for d in pending)
        rows.append(
            {
                "freq": "MONTHLY" if monthly else "WEEKLY",
                "interval": interval,
                "byday": ",".join(pending),
                "opens_at": opens,
                "closes_at": closes,
                # Every-two-weeks rules count from a fixed Monday.
                "dtstart": datetime.date(2025, 1, 6) if interval > 1 else None,
            }
        )
        pending = []
    return rows


def load(summary: Any) -> None:
    """Write the directory demo data of Musterstadt (idempotent)."""
    data = records.read("directory")
    places, offerings = data["places"], data["offerings"]
    municipality = get_municipality(SLUG)
    ensure_default_terms(municipality)
    terms = {
        (t.taxonomy, t.code): t
        for t in TaxonomyTerm.objects.filter(municipality=municipality)
    }
    neighborhoods = {
        n.slug: n for n in Neighborhood.objects.filter(municipality=municipality)
    }
    today = timezone.localdate()

    def sync_schedules(owner: dict[str, Any], key: str, spec: str) -> None:
        wanted = []
        for index, row in enumerate(_schedule_rows(spec)):
            sid = stable_uuid("demo-schedule", key, index)
            wanted.append(sid)
            upsert(
                Schedule,
                {"id": sid},
                {**owner, **row, "position": index},
                summary,
                "schedule",
            )
        Schedule.objects.filter(**owner).exclude(id__in=wanted).delete()

    locations: dict[str, Location] = {}
    for key, place in places.items():
        location = upsert(
            Location,
            {"id": stable_uuid("demo-location", SLUG, key)},
            {
                "municipality": municipality,
                "name": place["name"],
                "description": place["description"],
                "address_1": place["address"],
                "postal_code": "70999",
                "city": "Musterstadt",
                "state_province": "Baden-Württemberg",
                "country": "DE",
                "latitude": Decimal(place["latitude"]),
                "longitude": Decimal(place["longitude"]),
                "neighborhood": neighborhoods[place["neighborhood"]],
                "owner": get_actor(municipality, place["owner"]),
                "is_meeting_place": bool(place["meeting_place"]),
                "meeting_place_kind": place["meeting_place"],
                "barrier_free": place["barrier_free"],
                "accessibility": "Stufenloser Zugang, barrierefreies WC."
                if place["barrier_free"]
                else "",
            },
            summary,
            "place",
        )
        sync_schedules({"location": location}, f"location:{key}", place["hours"])
        locations[key] = location

    for index, offering in enumerate(offerings):
        name, fee, schedule = (
            offering["name"],
            offering.get("fee", ""),
            offering["schedule"],
        )
        where = offering["places"]
        service_id = stable_uuid("demo-service", SLUG, name)
        confirmed = (
            today - datetime.timedelta(days=420 + index)
            if offering.get("outdated")
            else today - datetime.timedelta(days=(index * 11) % 300)
        )
        service = upsert(
            Service,
            {"id": service_id},
            {
                "municipality": municipality,
                "provider": get_actor(municipality, offering["provider"]),
                "name": name,
                "description": offering["description"],
                "status": offering.get("status", "active"),
                "free_of_charge": not fee,
                "fee_description": fee,
                "barrier_free": bool(where)
                and all(places[p]["barrier_free"] for p in where),
                "application_process": "Einfach vorbeikommen, keine Anmeldung nötig."
                if schedule and not fee
                else (
                    "Bitte vorher anmelden."
                    if fee
                    else "Bitte rufen Sie an oder schreiben Sie eine E-Mail."
                ),
                "last_confirmed_at": confirmed,
            },
            summary,
            "offering",
        )
        wanted_terms = (
            [terms[("topic", c)] for c in offering["topics"]]
            + [terms[("target_group", c)] for c in offering["target_groups"]]
            + [terms[("health_layer", offering["layer"])]]
        )
        set_m2m(service, "terms", wanted_terms)
        set_m2m(
            service,
            "neighborhoods",
            {h for p in where if (h := locations[p].neighborhood) is not None},
        )
        for place in where:
            ServiceAtLocation.objects.get_or_create(
                service=service,
                location=locations[place],
                defaults={"id": stable_uuid("demo-sal", service_id, place)},
            )
        ServiceAtLocation.objects.filter(service=service).exclude(
            location__in=[locations[p] for p in where]
        ).delete()
        languages = offering["languages"]
        for code in languages:
            ServiceLanguage.objects.get_or_create(
                service=service,
                code=code,
                defaults={"id": stable_uuid("demo-lang", service_id, code)},
            )
        ServiceLanguage.objects.filter(service=service).exclude(
            code__in=languages
        ).delete()
        sync_schedules({"service": service}, f"service:{name}", schedule)

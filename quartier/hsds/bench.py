"""Benchmark of the HSDS read API and import. The offerings come from the
directory's bench data (directory/bench.py seeds 20,000 of them); the HSDS app only
adds import jobs to the list of its import page.

`quartier seed_bench` calls `seed_bench(musterstadt, size)`; `make bench` measures
BENCH_PAGES (the list pages page through the directory's offerings) and runs
bench/hsds_import.py, which imports files of `sample_file(10 MB)` and
`tiny_entries_file(10 MB)` and reports the peak memory of the process
(docs/benchmarks.md, "HSDS import").
"""

from __future__ import annotations

import json
import uuid

from quartier.core.models import Municipality
from quartier.hsds.models import ImportJob, ImportStatus


def seed_bench(municipality: Municipality, count: int) -> None:
    """`count` finished import jobs (history rows of the import page)."""
    ImportJob.objects.bulk_create(
        ImportJob(
            municipality=municipality,
            format="csv",
            filename=f"bench-{index}.csv",
            status=ImportStatus.DONE,
            total=10,
            processed=10,
        )
        for index in range(count)
    )


BENCH_PAGES = [
    ("hsds services page", "/{slug}/hsds/services"),
    ("hsds services full", "/{slug}/hsds/services?full=true&per_page=50"),
    ("hsds search", "/{slug}/hsds/services?search=Sport"),
    ("hsds service_at_locations", "/{slug}/hsds/service_at_locations"),
    ("hsds taxonomy_terms", "/{slug}/hsds/taxonomy_terms"),
]


def _id(*parts: object) -> str:
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, "quartier-bench:" + ":".join(map(str, parts)))
    )


def sample_service(index: int) -> dict:
    """One full HSDS service as other systems send it (organisation, place with
    address, schedules, contacts, phone, languages, a long description)."""
    org = index // 4
    return {
        "id": _id("service", index),
        "name": f"Angebot {index}",
        "description": "Offener Treff mit Beratung und Begleitung. " * 12,
        "status": "active",
        "email": f"angebot{index}@bench.example",
        "url": f"https://bench.example/angebote/{index}",
        "fees_description": "2 Euro pro Termin",
        "application_process": "Einfach vorbeikommen.",
        "eligibility_description": "Für alle aus dem Stadtteil.",
        "minimum_age": 16,
        "organization": {
            "id": _id("org", org),
            "name": f"Träger {org}",
            "description": "Ein Verein aus dem Stadtteil.",
        },
        "phones": [{"id": _id("phone", index), "number": "07000 123456"}],
        "contacts": [
            {
                "id": _id("contact", index),
                "name": "Anna Beispiel",
                "title": "Leitung",
                "email": f"leitung{index}@bench.example",
            }
        ],
        "schedules": [
            {
                "id": _id("schedule", index, day),
                "freq": "WEEKLY",
                "byday": day,
                "opens_at": "14:00:00",
                "closes_at": "16:00:00",
                "description": "Außer in den Ferien.",
            }
            for day in ("MO", "WE")
        ],
        "languages": [
            {"id": _id("language", index, code), "code": code} for code in ("de", "tr")
        ],
        "service_at_locations": [
            {
                "id": _id("sal", index),
                "location": {
                    "id": _id("location", index),
                    "location_type": "physical",
                    "name": f"Bürgerhaus {index}",
                    "latitude": 48.78 + index / 100_000,
                    "longitude": 9.18,
                    "addresses": [
                        {
                            "id": _id("address", index),
                            "address_1": f"Hauptstraße {index % 200 + 1}",
                            "city": "Musterstadt",
                            "state_province": "Baden-Württemberg",
                            "postal_code": "70000",
                            "country": "DE",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": _id("accessibility", index),
                            "description": "Stufenloser Eingang, Aufzug.",
                        }
                    ],
                },
            }
        ],
    }


def sample_file(size: int) -> tuple[bytes, int]:
    """A JSON list of full services of about `size` bytes, and their number."""
    one = len(json.dumps(sample_service(0), ensure_ascii=False).encode()) + 1
    count = max(1, size // one)
    content = json.dumps(
        [sample_service(i) for i in range(count)], ensure_ascii=False
    ).encode()
    return content, count


def tiny_entries_file(size: int) -> bytes:
    """The attack of issue 11: as many tiny entries as fit into `size` bytes."""
    return b"[" + b",".join([b"{}"] * (size // 3)) + b"]"


def limit_file(values: int, containers: int, size: int) -> tuple[bytes, int]:
    """The heaviest file the limits let through (at most `size` bytes, at most
    `values` values, at most `containers` objects and lists): objects of six short
    distinct texts each (texts are not shared like the keys)."""

    def entry(index: int) -> str:
        return "{" + ",".join(f'"{k}":"{k}{index:07d}"' for k in "abcdef") + "}"

    count = min(containers - 2, (values - 2) // 12, size // (len(entry(0)) + 1))
    return ("[" + ",".join(entry(i) for i in range(count)) + "]").encode(), count

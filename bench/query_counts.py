"""SQL queries per benchmarked page, through Django's test client.

Run by bench/run_bench.py against the benchmark database (DATABASE_URL and the
other settings come from its environment). Every page is counted for Musterstadt,
whose lists are long, and for Beispielheim, which has a handful of actors: equal
counts show that the number of queries does not grow with the data.

Prints one JSON document: {"pages": [{label, path, status, queries, small_path,
small_status, small_queries}, ...]}.
"""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from quartier.actors.models import Actor  # noqa: E402

BIG, SMALL = "musterstadt", "beispielheim"


def detail_path(slug: str) -> str:
    """A public, active actor: the demo's sports club in Musterstadt if it is
    there, otherwise the first public actor."""
    actors = Actor.objects.filter(
        municipality__slug=slug, visibility="public", archived_at__isnull=True
    ).order_by("pk")
    actor = actors.filter(name__startswith="Sportverein Sonnenberg").first()
    actor = actor or actors.first()
    if actor is None:
        return f"/{slug}/actors/0/"
    return f"/{slug}/actors/{actor.pk}/"


def pages(slug: str) -> list[tuple[str, str]]:
    return [
        # Not a page: the floor of Quartier's own stack (middleware, one query).
        ("Health check (floor)", "/healthz"),
        ("Municipality home", f"/{slug}/"),
        ("Actor list", f"/{slug}/actors/"),
        ("Actor search “verein”", f"/{slug}/actors/?q=verein"),
        ("Actor detail", detail_path(slug)),
        ("API actor list", f"/api/v1/municipalities/{slug}/actors"),
        ("Decisions register", f"/{slug}/decisions/"),
        *app_pages(slug),
    ]


def app_pages(slug: str) -> list[tuple[str, str]]:
    """The pages each app names in its bench.py (BENCH_PAGES)."""
    from quartier.demo.management.commands.seed_bench import APP_SIZES, bench_module

    result = []
    for app in APP_SIZES:
        for label, path in getattr(bench_module(app), "BENCH_PAGES", []):
            if label in SKIPPED:
                continue
            result.append((label, path.format(slug=slug)))
    return result


# Measured for query counts in tests already; left out of the timed run to keep
# `make bench` within a quarter of an hour.
SKIPPED = {
    "compass trends",
    "time entries",
    "hsds services full",
    "hsds search",
    "hsds service_at_locations",
    "hsds taxonomy_terms",
    "directory search free-text",
}

# Pages that need a login (label mentions it): who is signed in for each municipality;
# pages of the Fachberatung ("adviser login") are read by the demo's adviser.
LOGINS = {BIG: "koordination@musterstadt.example", SMALL: "admin@beispielheim.example"}
ADVISER = "beratung@land.example"


def session_cookie(slug: str, adviser: bool = False) -> str:
    """A session of the municipality's coordinator (or of the adviser), stored in
    the database, so that wrk can send it to the gunicorn workers."""
    from quartier.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=ADVISER if adviser else LOGINS[slug]))
    return f"sessionid={client.cookies['sessionid'].value}"


def count(client: Client, path: str, cookie: str = "") -> tuple[int, int]:
    if cookie:
        client.cookies["sessionid"] = cookie.split("=", 1)[1]
    client.get(path)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def main() -> None:
    result = []
    for (label, path), (_label, small_path) in zip(
        pages(BIG), pages(SMALL), strict=True
    ):
        cookie = small_cookie = ""
        if "adviser login" in label:
            cookie = small_cookie = session_cookie(BIG, adviser=True)
        elif "login" in label:
            cookie, small_cookie = session_cookie(BIG), session_cookie(SMALL)
        status, queries = count(Client(), path, cookie)
        small_status, small_queries = count(Client(), small_path, small_cookie)
        result.append(
            {
                "cookie": cookie,
                "label": label,
                "path": path,
                "status": status,
                "queries": queries,
                "small_path": small_path,
                "small_status": small_status,
                "small_queries": small_queries,
            }
        )
    print(json.dumps({"pages": result}))


if __name__ == "__main__":
    main()

"""SQL queries per benchmarked page, through Django's test client.

Run by bench/run_bench.py against the benchmark database (DATABASE_URL and the
other settings come from its environment). Every page is counted for Musterstadt,
whose lists are long, and for Beispielheim, which has a handful of actors: equal
counts show that the number of queries does not grow with the data.

Kleinstadt (about 100 rows of each kind, `seed_bench`) is counted too, signed in,
for the Musterstadt / Kleinstadt time ratio; for the contribution list and the
register also page 500 (a keyset cursor, `deep_path`).

Prints one JSON document: {"pages": [{label, path, status, queries, small_path,
small_status, small_queries, klein_path, klein_status, klein_queries, deep_path,
deep_queries, cookie, signed_in_cookie, signed_in_queries, klein_cookie}, ...]}.
"""

from __future__ import annotations

import json
import os
import re

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from quartier.actors.models import Actor  # noqa: E402

BIG, SMALL, KLEIN = "musterstadt", "beispielheim", "kleinstadt"
# The signed-in figures of public pages: a resident's session (docs/benchmarks.md).
RESIDENT = "bewohnerin@musterstadt.example"
# Deep pages: page DEEP_PAGE of these lists (labels), reached by a keyset cursor.
DEEP_PAGE = 500
# Only the pages whose label or path matches this regular expression (make bench).
MATCHING = os.environ.get("BENCH_PAGES_MATCHING", "")


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
        # A static legal page: a page's own work is one small query, so signed in it
        # shows what every signed-in page pays (docs/benchmarks.md).
        ("Imprint (static page)", f"/{slug}/impressum/"),
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
        module = bench_module(app)
        # An app's `bench_path(path, slug)` fills in more than the slug (an id).
        fill = getattr(module, "bench_path", None)
        for label, path in getattr(module, "BENCH_PAGES", []):
            if label in SKIPPED:
                continue
            result.append((label, fill(path, slug) if fill else path.format(slug=slug)))
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
LOGINS = {
    BIG: "koordination@musterstadt.example",
    SMALL: "admin@beispielheim.example",
    KLEIN: "koordination@kleinstadt.example",
}
ADVISER = "beratung@land.example"


def session_cookie(slug: str, adviser: bool = False, email: str = "") -> str:
    """A session of the municipality's coordinator (or of the adviser, or of the
    person with `email`), stored in the database, so that wrk can send it to the
    gunicorn workers."""
    from quartier.accounts.models import User

    client = Client()
    email = email or (ADVISER if adviser else LOGINS[slug])
    client.force_login(User.objects.get(email=email))
    return f"sessionid={client.cookies['sessionid'].value}"


def deep_path(label: str, path: str) -> str:
    """Page DEEP_PAGE of the contribution list and of the register (their default
    order), as the "next" links reach it: a keyset cursor behind the last row of
    page DEEP_PAGE - 1. Empty for every other page."""
    from django.contrib.auth.models import AnonymousUser

    from quartier.accounts.models import User
    from quartier.core.models import Municipality
    from quartier.core.pagination import encode_cursor
    from quartier.forums.models import Decision
    from quartier.forums.views.decisions import PAGE_SIZE, REGISTER_ORDER
    from quartier.participation.models import Contribution
    from quartier.participation.views.public import ORDERS

    town = Municipality.objects.get(slug=BIG)
    position = (DEEP_PAGE - 1) * PAGE_SIZE - 1
    if label == "contribution list":
        rows = Contribution.objects.of(town).public().order_by("-created_at", "-id")
        keys = ORDERS["newest"]
    elif label == "Decisions register":
        user = User.objects.filter(email=RESIDENT).first() or AnonymousUser()
        rows = Decision.objects.visible_to(user, town).order_by(
            "-decided_on", "-number", "-id"
        )
        keys = REGISTER_ORDER
    else:
        return app_deep_path(label, path, town)
    row = rows[position : position + 1].first()
    if row is None:
        return ""
    return f"{path}?after={encode_cursor(row, keys)}"


def app_deep_path(label: str, path: str, town: object) -> str:
    """Page DEEP_PAGE of a list an app names: its bench.py's `deep_path(label,
    path, municipality, page)` gives the path with the keyset cursor, or ""."""
    from quartier.demo.management.commands.seed_bench import APP_SIZES, bench_module

    for app in APP_SIZES:
        hook = getattr(bench_module(app), "deep_path", None)
        found = hook(label, path, town, DEEP_PAGE) if hook else ""
        if found:
            return found
    return ""


# Pages in one interface language (quartier/translations/bench.py): the label ends
# with the language, and the page is asked for with the cookie the switch sets.
LANGUAGE_LABELS = {"in Arabic": "ar", "in German": "de"}


def language_cookie(label: str) -> str:
    for words, code in LANGUAGE_LABELS.items():
        if label.endswith(words):
            return f"django_language={code}"
    return ""


def count(client: Client, path: str, cookie: str = "") -> tuple[int, int]:
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    client.get(path)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def main() -> None:
    result = []
    resident = session_cookie(BIG, email=RESIDENT)
    for (label, path), (_label, small_path), (_label, klein_path) in zip(
        pages(BIG), pages(SMALL), pages(KLEIN), strict=True
    ):
        if MATCHING and not re.search(MATCHING, f"{label} {path}"):
            continue
        cookie = small_cookie = klein_cookie = ""
        if "adviser login" in label:
            cookie = small_cookie = klein_cookie = session_cookie(BIG, adviser=True)
        elif "login" in label:
            cookie, small_cookie = session_cookie(BIG), session_cookie(SMALL)
            klein_cookie = session_cookie(KLEIN)
        status, queries = count(Client(), path, cookie)
        small_status, small_queries = count(Client(), small_path, small_cookie)
        # Signed in: the page's own login, else the resident (public pages).
        signed_in = cookie or resident
        klein_signed_in = klein_cookie or resident
        signed_in_queries = count(Client(), path, signed_in)[1]
        klein_status, klein_queries = count(Client(), klein_path, klein_signed_in)
        deep = deep_path(label, path)
        deep_queries = count(Client(), deep, signed_in)[1] if deep else 0
        result.append(
            {
                "cookie": cookie,
                "signed_in_cookie": signed_in,
                "signed_in_queries": signed_in_queries,
                "label": label,
                "path": path,
                "status": status,
                "queries": queries,
                "small_path": small_path,
                "small_status": small_status,
                "small_queries": small_queries,
                "klein_path": klein_path,
                "klein_cookie": klein_signed_in,
                "klein_status": klein_status,
                "klein_queries": klein_queries,
                "deep_path": deep,
                "deep_queries": deep_queries,
            }
        )
    print(json.dumps({"pages": result}))


if __name__ == "__main__":
    main()

"""The demo logins (CONTRACT.md "Demo data") and a few more people of the demo world.

All share the password DEMO_PASSWORD. `memberships` are (municipality slug, role);
`actors` are (municipality slug, actor key) links that make the person a partner of
that actor.
"""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "quartier-demo"  # noqa: S105 - public demo password, CONTRACT.md

# The seven logins promised in CONTRACT.md, in the order they are listed there.
LOGINS: list[dict[str, Any]] = [
    {
        "email": "admin@musterstadt.example",
        "display_name": "Petra Sommer",
        "memberships": [("musterstadt", "admin")],
        "actors": [],
        "about": "Stabsstelle Gesundheitsplanung, admin of Musterstadt",
    },
    {
        "email": "koordination@musterstadt.example",
        "display_name": "Aylin Demir",
        "memberships": [("musterstadt", "coordinator")],
        "actors": [],
        "about": "Quartierskoordinatorin Sonnenberg, coordinator of Musterstadt",
    },
    {
        "email": "partner@musterstadt.example",
        "display_name": "Murat Yılmaz",
        "memberships": [("musterstadt", "partner")],
        "actors": [("musterstadt", "sv_sonnenberg")],
        "about": "partner of Musterstadt, Sportverein Sonnenberg e.V.",
    },
    {
        "email": "bewohnerin@musterstadt.example",
        "display_name": "Helga Brandt",
        "memberships": [("musterstadt", "resident")],
        "actors": [],
        "about": "resident of Musterstadt",
    },
    {
        "email": "jury@musterstadt.example",
        "display_name": "Jonas Weber",
        "memberships": [("musterstadt", "resident")],
        "actors": [],
        "about": "resident of Musterstadt, jury of the Quartiersfonds Sonnenberg",
    },
    {
        "email": "admin@beispielheim.example",
        "display_name": "Klaus Maier",
        "memberships": [("beispielheim", "admin")],
        "actors": [],
        "about": "admin of Beispielheim",
    },
    {
        "email": "beratung@land.example",
        "display_name": "Dr. Sabine Roth",
        "memberships": [],
        "actors": [],
        "is_adviser": True,
        "about": "adviser (Fachberatung) of the state",
    },
]

# More people of the demo world; same password, not promised by the contract.
OTHERS: list[dict[str, Any]] = [
    {
        "email": "kowalski@musterstadt.example",
        "display_name": "Jana Kowalski",
        "memberships": [("musterstadt", "coordinator")],
        "actors": [],
        "about": "Quartierskoordinatorin Bahnhofsviertel",
    },
    {
        "email": "haddad@musterstadt.example",
        "display_name": "Samir Haddad",
        "memberships": [("musterstadt", "partner")],
        "actors": [("musterstadt", "health_broker")],
        "about": "Community Health Broker",
    },
    {
        "email": "familienzentrum@musterstadt.example",
        "display_name": "Nadia Hoffmann",
        "memberships": [("musterstadt", "partner")],
        "actors": [("musterstadt", "familienzentrum")],
        "about": "Leiterin des Familienzentrums Bahnhofsviertel",
    },
    {
        "email": "nachbar@musterstadt.example",
        "display_name": "Ernst Köhler",
        "memberships": [("musterstadt", "resident")],
        "actors": [],
        "about": 'resident of the Altstadt, Initiative "Bank statt Bordstein"',
    },
    {
        "email": "musikverein@beispielheim.example",
        "display_name": "Anna Keller",
        "memberships": [("beispielheim", "partner")],
        "actors": [("beispielheim", "musikverein")],
        "about": "partner of Beispielheim, Musikverein",
    },
]

PEOPLE = LOGINS + OTHERS
DEMO_EMAILS = frozenset(p["email"] for p in PEOPLE)

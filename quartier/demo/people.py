"""The demo logins (CONTRACT.md "Demo data") and more people: `data/people.yaml`."""

from __future__ import annotations

from quartier.demo.records import read

DEMO_PASSWORD: str = read("people")["password"]
LOGINS: list[dict] = read("people")["logins"]
PEOPLE: list[dict] = LOGINS + read("people")["others"]
DEMO_EMAILS = frozenset(p["email"] for p in PEOPLE)

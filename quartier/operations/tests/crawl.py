"""A link crawl of one municipality's pages as each role, reduced to what a person
reads: the text of every page (tags, CSRF tokens and digits — ids, times, dates of
the run — taken out), keyed by the page's address with its numbers taken out.
Runs in the test process or, for another installation, in a subprocess
(`python -c` with that installation's DATABASE_URL)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

ROLES = {
    "guest": None,
    "resident": "bewohnerin@musterstadt.example",
    "partner": "partner@musterstadt.example",
    "coordinator": "koordination@musterstadt.example",
    "admin": "admin@musterstadt.example",
}
# Not followed: files and feeds (no page text), signing out, and the audit log —
# the import adds its own entry there (test_moving.py checks it).
SKIP = re.compile(
    r"/(logout|abmelden|media|static|api|audit)/|\.(pdf|csv|ics|xml|json|rdf|ttl|docx|zip|png|jpg)\b|/export|/download|/feed"
)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data.strip())


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalised(text: str) -> str:
    return re.sub(r"\d+", "#", UUID.sub("UUID", " ".join(text.split())))


def crawl(slug: str, *, limit: int, activate: bool = False) -> dict[str, Any]:
    from django.test import Client

    from quartier.accounts.models import User

    found: dict[str, Any] = {}
    for role, email in ROLES.items():
        client = Client()
        if email:
            user = User.objects.get(email__iexact=email)
            if activate and not user.is_active:
                # The person has reset the password on the new host.
                user.is_active = True
                user.save(update_fields=["is_active"])
            client.force_login(user)
        start = f"/{slug}/"
        queue, seen, pages = [start], {start}, Counter()
        while queue and sum(pages.values()) < limit:
            path = queue.pop(0)
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get(
                "Content-Type", ""
            ):
                pages[
                    f"{normalised(path.replace(slug, 'TOWN'))} → {response.status_code}"
                ] += 1
                continue
            page = _Page()
            page.feed(response.content.decode())
            key = normalised(path.replace(slug, "TOWN"))
            pages[
                f"{key} :: {normalised(' '.join(page.text)).replace(slug, 'TOWN')}"
            ] += 1
            for href in page.links:
                href = href.split("#")[0]
                if (
                    href.startswith(start)
                    and href not in seen
                    and not SKIP.search(href)
                ):
                    seen.add(href)
                    queue.append(href)
        found[role] = dict(pages)
    return found

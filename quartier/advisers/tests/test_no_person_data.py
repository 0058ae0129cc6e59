"""Persons' data never reaches advisers.

On the seeded demo, the demo adviser's organisation gets an active grant for every
registered module (core/sharing.py) from every municipality. Then:
- every page reachable from /advisers/ and from each shared module's address,
  following links that stay there, must not name any person of the demo;
- every API response the adviser gets (each list of each municipality, and the
  first items of it) must not name a person that a guest does not see in the same
  response (public authorship is public for everyone, not an adviser's privilege).
A module that registers later is crawled the same way.
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from quartier.core.sharing import shared_modules

ADVISER = "beratung@land.example"
MAX_PAGES = 250


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def adviser_with_every_grant(demo, db):
    from quartier.accounts.models import User
    from quartier.advisers.models import AdvisoryOrganisation, SharingGrant
    from quartier.core.models import Municipality

    adviser = User.objects.get(email=ADVISER)
    organisation = AdvisoryOrganisation.objects.get(members=adviser)
    today = timezone.localdate()
    for municipality in Municipality.objects.all():
        for module in shared_modules():
            SharingGrant.objects.create(
                municipality=municipality,
                organisation=organisation,
                module_key=module.key,
                purpose="Test",
                starts_on=today,
                ends_on=today + datetime.timedelta(days=1),
                legal_basis="Test",
            )
    return adviser


def _person_names(adviser) -> list[str]:
    from quartier.accounts.models import User
    from quartier.demo import people

    names = {p["display_name"] for p in people.PEOPLE}
    names |= set(
        User.objects.exclude(display_name="").values_list("display_name", flat=True)
    )
    names.discard(adviser.display_name)  # the adviser's own name in the header
    return sorted(n for n in names if len(n) > 3)


def _found(names: list[str], text: str) -> list[str]:
    return [n for n in names if n in text]


def _start_urls() -> list[str]:
    from quartier.core.models import Municipality

    urls = ["/advisers/", "/advisers/practice/"]
    for municipality in Municipality.objects.all():
        urls.append(f"/advisers/m/{municipality.slug}/")
        for module in shared_modules():
            if module.url is not None:
                urls.append(module.url(municipality))
            else:
                urls.append(f"/advisers/m/{municipality.slug}/{module.key}/")
    return urls


@pytest.mark.django_db
def test_no_page_an_adviser_reaches_names_a_person(client, adviser_with_every_grant):
    adviser = adviser_with_every_grant
    names = _person_names(adviser)
    assert "Aylin Demir" in names and "Helga Brandt" in names
    client.force_login(adviser)
    starts = _start_urls()
    # The crawl stays on the adviser's pages and on the shared modules' addresses.
    prefixes = tuple({"/advisers/"} | {urlsplit(u).path for u in starts})
    queue, seen, leaks = list(starts), set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if url in starts:
            assert response.status_code == 200, f"{url}: {response.status_code}"
        if response.status_code != 200 or "html" not in response.get("Content-Type"):
            continue
        html = response.content.decode()
        leaks += [(url, name) for name in _found(names, html)]
        for href in _links(html):
            href = urldefrag(href)[0]
            path = urlsplit(href).path
            if not urlsplit(href).netloc and path.startswith(prefixes):
                if "logout" not in path and href not in seen:
                    queue.append(href)
    assert len(seen) >= len(starts)
    assert leaks == [], f"Persons' names on adviser pages: {leaks[:10]}"


def _api_paths() -> list[str]:
    from quartier.api import api

    return [
        path
        for path, operations in api.get_openapi_schema()["paths"].items()
        if "get" in operations
    ]


@pytest.mark.django_db
def test_no_api_response_gives_an_adviser_a_person_a_guest_does_not_see(
    client, adviser_with_every_grant
):
    from quartier.core.models import Municipality

    adviser = adviser_with_every_grant
    names = _person_names(adviser)
    guest = Client()
    client.force_login(adviser)
    paths = _api_paths()
    lists = [p for p in paths if re.fullmatch(r"[^{}]*(\{slug\})?[^{}]*", p)]
    details = {p for p in paths if p.count("{") == 2 and "{slug}" in p}
    checked, leaks = 0, []

    def check(url: str) -> dict | list | None:
        nonlocal checked
        response = client.get(url)
        checked += 1
        if response.status_code != 200:
            return None
        public = guest.get(url)
        public_text = public.content.decode() if public.status_code == 200 else ""
        text = response.content.decode()
        leaks.extend((url, n) for n in _found(names, text) if n not in public_text)
        return response.json()

    for municipality in Municipality.objects.all():
        for path in lists:
            url = path.replace("{slug}", municipality.slug)
            data = check(url)
            items = data.get("items", []) if isinstance(data, dict) else []
            for detail in details:
                if not detail.startswith(path + "/{"):
                    continue
                for item in items[:3]:
                    key = item.get("id") or item.get("slug")
                    if key is not None:
                        check(
                            re.sub(r"\{(?!slug)[^}]+\}", str(key), detail).replace(
                                "{slug}", municipality.slug
                            )
                        )
    assert checked > 20
    assert leaks == [], f"Persons' names only advisers get from the API: {leaks[:10]}"

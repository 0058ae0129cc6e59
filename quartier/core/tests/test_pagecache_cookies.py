"""Every cookie the application sets either keeps a guest's page out of the cache or
is part of its key (quartier/core/pagecache.py, docs/security.md "Page cache").

The cookie names are found by scanning the code for set_cookie/set_signed_cookie
calls, so a new module's cookie is checked without being listed here."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory
from quartier.core.pagecache import CONTENT_NEUTRAL_COOKIES, PERSONAL_COOKIES

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]
SETTERS = {"set_cookie", "set_signed_cookie"}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.ANON_CACHE_SECONDS = 30


def cookies_set_in_code() -> dict[str, str]:
    """{cookie name: where it is set} for every set_cookie call in the package."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SETTERS
        ]
        if not calls:
            continue
        module_name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = importlib.import_module(module_name)
        for call in calls:
            where = f"{module_name}:{call.lineno}"
            argument = call.args[0] if call.args else None
            assert argument is not None, f"{where}: name the cookie positionally"
            try:
                # Names are constants or module-level names (settings.X, COOKIE).
                name = eval(ast.unparse(argument), vars(module))  # noqa: S307
            except NameError as exc:  # pragma: no cover - a message for the author
                raise AssertionError(
                    f"{where}: use a module-level constant for the cookie name"
                ) from exc
            found[str(name)] = where
    return found


def every_cookie() -> dict[str, str]:
    """The code's cookies and Django's own (session, CSRF, messages)."""
    return {
        settings.SESSION_COOKIE_NAME: "django.contrib.sessions",
        settings.CSRF_COOKIE_NAME: "django.middleware.csrf",
        "messages": "django.contrib.messages (cookie storage)",
        **cookies_set_in_code(),
    }


def test_the_scan_finds_the_known_cookies():
    names = set(cookies_set_in_code())
    assert {settings.LANGUAGE_COOKIE_NAME, "quartier_plain", "quartier_survey"} <= (
        names
    )


def cached_hit(client: Client, path: str) -> bool:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx) == 0


def test_every_cookie_keeps_pages_apart_or_out_of_the_cache(municipality):
    """For each cookie: a guest without it fills the cache; a guest with it is never
    served that entry, and two values of it never share an entry."""
    ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    path = reverse("actors:list", kwargs={"municipality_slug": municipality.slug})
    for name, where in every_cookie().items():
        if name in CONTENT_NEUTRAL_COOKIES:
            continue  # tested below: such pages are never stored
        from django.core.cache import cache

        cache.clear()
        plain = Client()
        plain.get(path)
        assert cached_hit(plain, path), "the page is cacheable for plain guests"
        first = Client()
        first.cookies[name] = "a"
        assert not cached_hit(first, path), f"{name} ({where}) shares the entry"
        second = Client()
        second.cookies[name] = "b"
        assert not cached_hit(second, path), f"{name} ({where}) ignores its value"
        if name in PERSONAL_COOKIES:
            assert not cached_hit(first, path), f"{name} ({where}) is stored"


def test_content_neutral_cookies_are_only_those_of_pages_never_stored(
    client, municipality
):
    assert set(CONTENT_NEUTRAL_COOKIES) == {settings.CSRF_COOKIE_NAME}
    # A page that renders the CSRF token (the contribution form) is never stored,
    # so the token cookie cannot leak from one guest's page into another's.
    path = reverse("participation:new", kwargs={"municipality_slug": "musterstadt"})
    first = client.get(path)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    assert len(ctx) > 0


def test_a_guests_survey_answer_is_not_shown_to_other_guests(municipality):
    from quartier.surveys.tests.factories import survey_with_questions

    survey, q = survey_with_questions(municipality)
    kwargs = {"municipality_slug": municipality.slug, "pk": survey.pk}
    answer_url = reverse("surveys:answer", kwargs=kwargs)
    detail_url = reverse("surveys:detail", kwargs=kwargs)
    answered = "You have already answered this survey"
    guest = Client()
    guest.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {f"q{q['single'].pk}": str(q["single"].choices.first().pk)}
    assert guest.post(answer_url, data).status_code == 302
    guest.get(detail_url)  # shows and consumes the "thank you" message
    guest.cookies.pop("messages", None)  # a browser drops the expired cookie
    for url in (detail_url, answer_url):
        assert answered in guest.get(url).content.decode()  # now cached for them

        other = Client()
        other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert answered not in other.get(url).content.decode(), url

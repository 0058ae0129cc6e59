"""Views that take a POST without a CSRF token refuse other origins, `Origin: null`
included (quartier/core/origin.py). The test walks every URL pattern, so a new
`csrf_exempt` view is covered without being listed here."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from quartier.core.origin import is_same_origin

pytestmark = pytest.mark.django_db

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _sample(match: re.Match) -> str:
    converter, name = match.group(1) or "str", match.group(2)
    if name == "municipality_slug":
        return "musterstadt"
    samples = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}
    return samples.get(converter, "x")


def walk(patterns=None, prefix=""):
    """(path, view) for every route-style URL pattern of the site."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route, entry.callback


def csrf_exempt_web_views(*, writing: bool = True):
    """Paths of the csrf_exempt web views that may write (or, with writing=False,
    of those marked @writes_nothing)."""
    found = []
    for route, view in walk():
        if route.startswith(("api/", "^", "admin/")) or "^" in route or "$" in route:
            continue
        if not getattr(view, "csrf_exempt", False):
            continue
        if bool(getattr(view, "writes_nothing", False)) != (not writing):
            continue
        found.append("/" + CONVERTER.sub(_sample, route))
    return sorted(set(found))


def test_the_walk_finds_the_plain_language_switch():
    assert "/i18n/plain-language/" in csrf_exempt_web_views()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null", "HTTP_REFERER": "http://testserver/musterstadt/"},
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
    ids=["null", "foreign", "null-with-own-referer", "foreign-referer"],
)
def test_every_csrf_exempt_web_view_refuses_other_origins(
    client, municipality, headers
):
    for path in csrf_exempt_web_views():
        response = client.post(path, {"plain": "1", "next": "/"}, **headers)
        assert response.status_code == 403, path
        assert not response.cookies, path


def test_the_switch_still_works_from_this_site(client, municipality):
    response = client.post(
        "/i18n/plain-language/",
        {"plain": "1", "next": "/musterstadt/"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
    assert response.cookies["quartier_plain"].value == "1"


def test_same_origin_rules(rf):
    assert is_same_origin(rf.post("/", HTTP_ORIGIN="http://testserver"))
    assert is_same_origin(rf.post("/"))  # no browser: nothing to compare
    assert not is_same_origin(rf.post("/", HTTP_ORIGIN="null"))
    assert not is_same_origin(rf.post("/", HTTP_ORIGIN="NULL"))
    assert not is_same_origin(rf.post("/", HTTP_ORIGIN="http://testserver.evil"))
    assert not is_same_origin(rf.post("/", HTTP_REFERER="file:///tmp/x.html"))


def test_views_that_write_nothing_refuse_every_write_themselves(client, municipality):
    read_only = csrf_exempt_web_views(writing=False)
    assert any("/hsds/" in path for path in read_only)  # the HSDS read API
    for path in read_only:
        for origin in ("null", "https://evil.example", "http://testserver"):
            response = client.post(path, {"x": "1"}, HTTP_ORIGIN=origin)
            assert response.status_code in (404, 405), (path, origin)
            assert not response.cookies, path

"""Every page links the imprint, privacy notice and accessibility statement: the
municipality's inside one, the operator's elsewhere (issue 12).

The crawl walks every URL pattern a guest can open without an object (only the
municipality in the path, or nothing), so a new page inherits the check."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

SKIPPED_NAMESPACES = {"admin", "api"}


def _names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIPPED_NAMESPACES:
                continue
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _names(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def _crawlable_paths(municipality):
    paths = set()
    for name in set(_names(get_resolver().url_patterns)):
        for kwargs in ({}, {"municipality_slug": municipality.slug}):
            try:
                paths.add((reverse(name, kwargs=kwargs), bool(kwargs)))
            except NoReverseMatch:
                continue
    return sorted(paths)


def test_every_page_of_the_crawl_links_the_three_legal_pages(client, municipality):
    operator_links = [
        reverse(f"legal_{kind}") for kind in ("imprint", "privacy", "accessibility")
    ]
    tenant_links = [
        reverse(f"legal:{kind}", kwargs={"municipality_slug": municipality.slug})
        for kind in ("imprint", "privacy", "accessibility")
    ]
    checked, missing = [], []
    for path, in_municipality in _crawlable_paths(municipality):
        response = client.get(path)
        if response.status_code != 200 or not response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            continue
        html = response.content.decode()
        if "<footer" not in html:
            continue  # fragments (htmx) and documents without the page frame
        checked.append(path)
        expected = tenant_links if in_municipality else operator_links
        if any(f'href="{link}"' not in html for link in expected):
            missing.append(path)
    assert len(checked) >= 20, checked
    assert not missing, f"pages without the three legal links: {missing}"

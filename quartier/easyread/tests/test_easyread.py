"""Leichte Sprache: every page is reachable, linked from the page it explains with
the standard wording, links back, and has a clean heading structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from quartier.easyread.pages import PAGES


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _url(municipality, page):
    return reverse(
        "easyread:page",
        kwargs={"municipality_slug": municipality.slug, "slug": page.slug},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_each_page_is_reachable_german_and_well_structured(client, municipality, page):
    # Even with an Arabic interface the text stays German, left to right.
    client.cookies["django_language"] = "ar"
    response = client.get(_url(municipality, page))
    assert response.status_code == 200
    main = _main(response.content.decode())
    assert '<article class="q-easyread" lang="de" dir="ltr">' in main
    assert f">{page.title}</h1>" in main
    parser = _Headings()
    parser.feed(main)
    assert parser.levels.count(1) == 1 and parser.levels[0] == 1
    assert len(parser.levels) >= 3
    # No level is skipped on the way down (h1 → h2 → h3).
    for before, after in zip(parser.levels, parser.levels[1:], strict=False):
        assert after <= before + 1
    explained = reverse(page.explains, kwargs={"municipality_slug": municipality.slug})
    assert f'href="{explained}"' in main  # back to the page it explains


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.slug != "quartier"], ids=lambda p: p.slug
)
def test_the_page_it_explains_links_to_it_with_the_standard_wording(
    client, municipality, page
):
    explained = reverse(page.explains, kwargs={"municipality_slug": municipality.slug})
    html = client.get(explained).content.decode()
    link = re.search(
        rf'<a class="kern-link" href="{re.escape(_url(municipality, page))}" '
        r'lang="de">(.*?)</a>',
        html,
        re.S,
    )
    assert link, explained
    assert link.group(1).strip().endswith("Leichte Sprache")


@pytest.mark.django_db
def test_every_page_of_a_municipality_leads_to_the_leichte_sprache_pages(
    client, municipality
):
    home = client.get(municipality.get_absolute_url()).content.decode()
    index = reverse("easyread:index", kwargs={"municipality_slug": municipality.slug})
    assert f'href="{index}" lang="de">Leichte Sprache</a>' in home
    listing = client.get(index).content.decode()
    for page in PAGES:
        assert f'href="{_url(municipality, page)}"' in listing

"""The contribution list's rows, prepared in Python (views/public.list_rows) instead
of template lookups per row (issue 19), show what they showed: kind, neighbourhood
and date, the status badge, supporters and comments counted in German, the answer's
date and the topics in the topics' order; a filtered list counts up to 100."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.participation.models import Contribution, Topic
from quartier.participation.tests.factories import ContributionFactory
from quartier.participation.views import public

pytestmark = pytest.mark.django_db


def _list(municipality, query=""):
    path = reverse(
        "participation:list", kwargs={"municipality_slug": municipality.slug}
    )
    return f"{path}?{query}" if query else path


def _card(html, title):
    """The list item of the contribution titled `title`."""
    start = html.index(f">{title}</a>")
    return html[html.rindex("<li", 0, start) : html.index("</li>", start)]


def test_a_row_shows_kind_place_date_status_counts_answer_and_topics(
    client, municipality, neighborhood
):
    # 23:30 UTC is the next day in Berlin: the row shows the local date.
    created = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)
    answered = datetime.datetime(2026, 5, 6, 0, 15, tzinfo=datetime.UTC)
    c = ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        kind="question",
        title="Wann kommt der Bus?",
        status="implemented",
    )
    Contribution.objects.filter(pk=c.pk).update(
        created_at=created, answered_at=answered, support_count=1, comment_count=3
    )
    layer = Topic.objects.of(municipality).layers().order_by("layer").first()
    own = Topic.objects.create(municipality=municipality, name="Aaa Verkehr", slug="v")
    c.topics.add(own, layer)
    html = client.get(_list(municipality)).content.decode()
    card = _card(html, "Wann kommt der Bus?")
    assert "Frage · Sonnenberg · 05.03.2026" in card
    assert 'kern-badge--success"><span class="kern-label">umgesetzt</span>' in card
    assert "1 Unterstützer:in · 3 Kommentare" in card
    assert "beantwortet 06.05.2026" in card
    # The topics' own order (layer, name): a municipality's tag has no layer and
    # comes first on SQLite, last on PostgreSQL (where empty values sort last).
    names = ["Aaa Verkehr", str(layer)]
    if connection.vendor != "sqlite":
        names.reverse()
    assert f"Themen: {names[0]}, {names[1]}" in card


@pytest.mark.parametrize(
    ("status", "badge"),
    [("not_feasible", "warning"), ("received", "info"), ("taken_up", "info")],
)
def test_the_badge_follows_the_status(
    client, municipality, neighborhood, status, badge
):
    ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        title="Ampel",
        status=status,
    )
    card = _card(client.get(_list(municipality)).content.decode(), "Ampel")
    assert f"kern-badge--{badge}" in card
    assert "0 Unterstützer:innen · 0 Kommentare" in card
    assert "beantwortet" not in card and "Themen:" not in card


def test_a_filtered_list_is_counted_up_to_its_own_limit(
    client, municipality, neighborhood, monkeypatch
):
    monkeypatch.setattr(public, "FILTERED_COUNT_LIMIT", 10)
    for _ in range(12):
        ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    for query in ("kind=idea", "q=Bänke", f"neighborhood={neighborhood.pk}"):
        html = client.get(_list(municipality, query)).content.decode()
        assert "Mehr als 10 Beiträge gefunden" in html, query
    html = client.get(_list(municipality)).content.decode()
    assert "12 Beiträge gefunden" in html
    html = client.get(_list(municipality, "sort=supported")).content.decode()
    assert "12 Beiträge gefunden" in html  # a sort is no filter


def test_the_list_with_topics_needs_the_same_queries_for_3_and_25_rows(
    client, municipality, neighborhood
):
    topics = list(Topic.objects.of(municipality)[:3])
    counts = []
    for n in (3, 22):
        for _ in range(n):
            c = ContributionFactory(
                municipality=municipality, neighborhood=neighborhood
            )
            c.topics.set(topics)
        client.get(_list(municipality, "kind=idea"))
        with CaptureQueriesContext(connection) as queries:
            html = client.get(_list(municipality, "kind=idea")).content.decode()
        counts.append(len(queries.captured_queries))
    assert html.count("Themen: ") == 20
    assert counts[0] == counts[1]

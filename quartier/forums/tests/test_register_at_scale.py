"""The register with thousands of decisions and responsible actors (issue 19): the
responsible actor is a search field matched on the server, not a select with an
option per actor, and the pages are keyset pages whose queries do not grow with
depth."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.query_plans import (
    assert_read_in_order,
    follow_next,
    next_query,
    the_query,
)
from quartier.forums.models import Decision, Responsibility
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.forums.tests.test_decisions_views import (  # noqa: F401 - fixture
    _bulk_decisions,
    register,
    shown,
    url,
)

OPTION = re.compile(r"<option[^>]*>([^<]*)</option>")
PREVIOUS = re.compile(r'<a class="kern-link" rel="prev" href="\?([^"]+)"')


def _many_actors(municipality, count):
    forum = ForumFactory(municipality=municipality, slug="viele")
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum))
    actors = [
        ActorFactory(municipality=municipality, name=f"Kulturverein Nummer {i:02}")
        for i in range(count)
    ]
    decisions = Decision.objects.bulk_create(
        Decision(
            municipality=municipality,
            forum=forum,
            agenda_item=item,
            number=1000 + i,
            text=f"Beschluss {i}",
            decided_on=item.meeting.starts_at.date(),
        )
        for i in range(count)
    )
    Responsibility.objects.bulk_create(
        Responsibility(decision=d, role="R", actor=a)
        for d, a in zip(decisions, actors, strict=True)
    )
    return actors


def test_the_register_renders_no_option_per_responsible_actor(client, municipality):
    actors = _many_actors(municipality, 25)
    content = client.get(url("decisions", municipality)).content.decode()
    options = {unescape(label).strip() for label in OPTION.findall(content)}
    assert not options & {actor.name for actor in actors}
    assert 'name="responsible"' in content


@pytest.mark.parametrize(
    ("words", "expected"),
    [("sport", {"Alpha"}), ("Familien zentrum", {"Gamma"}), ("verein", {"Alpha"})],
)
@pytest.mark.usefixtures("register")
def test_the_responsible_field_matches_names_on_the_server(
    client, municipality, words, expected
):
    response = client.get(url("decisions", municipality), {"responsible": words})
    assert response.status_code == 200
    assert shown(response) == expected


def test_a_search_offers_the_matching_actors_as_links(client, municipality):
    actors = _many_actors(municipality, 12)
    response = client.get(url("decisions", municipality), {"responsible": "kultur"})
    links = response.context["suggestions"]
    assert len(links) == 10 and response.context["more_suggestions"]
    assert links[0]["name"] == actors[0].name
    chosen = client.get(url("decisions", municipality) + "?" + links[0]["query"])
    assert [d.text for d in chosen.context["page"].object_list] == ["Beschluss 0"]


def test_internal_actors_are_neither_suggested_nor_matched_for_guests(
    client, municipality
):
    hidden = _many_actors(municipality, 1)[0]
    hidden.visibility = "internal"
    hidden.save()
    response = client.get(url("decisions", municipality), {"responsible": "kultur"})
    assert response.context["suggestions"] == []
    assert list(response.context["page"].object_list) == []
    by_id = client.get(url("decisions", municipality), {"actor": hidden.pk})
    assert list(by_id.context["page"].object_list) == []


def _walk(client, path):
    """Follow the "next" links from the first page; the decisions in page order."""
    pages = list(follow_next(client, path))
    return [d.pk for r in pages for d in r.context["page"].object_list], len(pages)


def test_next_links_walk_the_whole_register_once_in_order(client, municipality):
    _bulk_decisions(municipality, 45, 1)  # one day: the number breaks the tie
    seen, pages = _walk(client, url("decisions", municipality))
    assert pages == 3
    expected = list(
        Decision.objects.filter(municipality=municipality)
        .order_by("-decided_on", "-number", "-id")
        .values_list("pk", flat=True)
    )
    assert seen == expected


def test_previous_leads_back_and_a_bad_cursor_is_the_first_page(client, municipality):
    _bulk_decisions(municipality, 25, 1)
    path = url("decisions", municipality)
    first = client.get(path)
    second = client.get(path + "?" + next_query(first.content.decode()))
    back = client.get(
        path + "?" + unescape(PREVIOUS.search(second.content.decode())[1])
    )
    assert list(back.context["page"].object_list) == list(
        first.context["page"].object_list
    )
    broken = client.get(path, {"after": "kaputt!", "before": "W10"})
    assert broken.status_code == 200
    assert list(broken.context["page"].object_list) == list(
        first.context["page"].object_list
    )


def test_a_deep_page_needs_the_queries_of_the_first(client, municipality):
    _bulk_decisions(municipality, 130, 1)
    path = url("decisions", municipality)
    client.get(path)  # warm caches
    with CaptureQueriesContext(connection) as first:
        response = client.get(path)
    query = ""
    for _ in range(5):
        query = next_query(response.content.decode())
        response = client.get(path + "?" + query)
    with CaptureQueriesContext(connection) as deep:
        client.get(path + "?" + query)
    assert len(deep) == len(first)


@pytest.mark.parametrize("deep", [False, True])
def test_register_pages_are_read_from_an_index_in_list_order(
    client, municipality, deep
):
    # Without the index the database sorts every decision of the municipality for
    # each page (SQLite: a temporary B-tree; PostgreSQL: a Sort node).
    _bulk_decisions(municipality, 45, 1)
    path = url("decisions", municipality)
    if deep:
        path += "?" + next_query(client.get(path).content.decode())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    page = the_query(
        queries,
        'SELECT "forums_decision"."id"',
        '"forums_decision"."decided_on" DESC',
    )
    assert_read_in_order(page, "decision_register_order")


@pytest.mark.parametrize(
    ("status", "modifier"),
    [
        ("open", " kern-badge--info"),
        ("in_progress", " kern-badge--info"),
        ("done", " kern-badge--success"),
        ("postponed", " kern-badge--warning"),
        ("rejected", ""),
    ],
)
def test_each_register_row_shows_its_status_badge_and_due_date(
    client, municipality, status, modifier
):
    # The badge and the due date are written by template tags (one include each
    # per row before); every status keeps its KERN badge, an open decision past its
    # due date says so.
    _bulk_decisions(municipality, 2, 1)
    Decision.objects.filter(municipality=municipality).update(status=status)
    decision = Decision.objects.get(
        municipality=municipality, number=2
    )  # due yesterday
    content = client.get(url("decisions", municipality)).content.decode()
    label = decision.get_status_display()
    assert (
        f'<span class="kern-badge{modifier}"><span class="kern-label">{label}'
        "</span></span>"
    ) in content
    due = f"{decision.due_date:%d.%m.%Y}"
    overdue = (
        f'{due} <span class="kern-badge kern-badge--danger">'
        '<span class="kern-label">überfällig</span></span>'
    )
    assert due in content
    assert (overdue in content) == (status in ("open", "in_progress", "postponed"))
    detail = client.get(decision.get_absolute_url()).content.decode()
    assert f'<span class="kern-label">{label}</span>' in detail
    assert (overdue in detail) == (status in ("open", "in_progress", "postponed"))


def _filters(response):
    """The register's filter form, as rendered."""
    content = response.content.decode()
    start = content.index('role="search" aria-label=')
    return content[start : content.index("</form>", start)]


def test_the_kept_filter_fields_show_a_renamed_forum_at_once(
    client_for, users, municipality, other_municipality
):
    """The filter fields are kept per process for what they show (views/decisions.py
    _filter_fields): a renamed or new forum, another language, another
    municipality's forums and a form with errors each show what the uncached form
    would."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from quartier.forums.forms_decisions import DecisionFilterForm
    from quartier.forums.models import Forum

    forum = ForumFactory(municipality=municipality, name="Stadtteilbeirat Nord")
    ForumFactory(municipality=other_municipality, name="Beirat der Nachbarstadt")
    client = client_for(users["resident"])
    path = url("decisions", municipality)
    first = client.get(path)
    assert "Stadtteilbeirat Nord" in _filters(first)
    assert "Beirat der Nachbarstadt" not in _filters(first)
    assert _filters(client.get(path)) == _filters(first)  # kept, the same
    Forum.objects.filter(pk=forum.pk).update(name="Stadtteilbeirat Nordost")
    ForumFactory(municipality=municipality, name="Seniorenbeirat")
    renamed = _filters(client.get(path))
    assert "Stadtteilbeirat Nordost" in renamed and "Seniorenbeirat" in renamed
    # What the form renders without the kept copy, field by field.
    with translation.override("de"):
        form = DecisionFilterForm(
            None,
            municipality=municipality,
            forums=Forum.objects.visible_to(users["resident"], municipality),
        )
        fresh = render_to_string("forums/_decision_filters.html", {"form": form})
    assert fresh.strip() in renamed
    # Values filled in and errors show as the form renders them.
    chosen = _filters(client.get(path, {"status": "open", "responsible": "Kita"}))
    assert 'value="Kita"' in chosen
    assert '<option value="open" selected>' in chosen
    wrong = client.get(path, {"status": "erfunden"})
    assert wrong.status_code == 200 and "kern-error" in _filters(wrong)
    assert "kern-error" not in _filters(client.get(path))

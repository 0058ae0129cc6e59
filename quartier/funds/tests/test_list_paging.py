"""The funds' lists that grow with the applications (a fund's applications, the
jury's queue, "My applications") are paged by keyset: "next" walks every row once
in list order, a deep page needs the queries of the first, the queries do not grow
with the rows, and each list is read from an index in its order
(docs/benchmarks.md, issue 19; docs/funds.md)."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.query_plans import (
    assert_read_in_order,
    follow_next,
    next_query,
    the_query,
)
from quartier.funds.models import Application
from quartier.funds.tests.factories import ApplicationFactory, CallFactory
from quartier.funds.views import applications as applications_views
from quartier.funds.views import jury, manage

PREVIOUS = re.compile(r'rel="prev" href="\?([^"]+)"')
TITLE = re.compile(r'href="/[\w-]+/funds/applications/\d+/">([^<]+)</a>')


def _submitted(call, count, status="submitted", **fields):
    """`count` applications submitted one hour apart (the first the oldest)."""
    start = timezone.now() - datetime.timedelta(days=10)
    return [
        ApplicationFactory(
            call=call,
            status=status,
            submitted_at=start + datetime.timedelta(hours=n),
            title=f"Antrag {status} {n}",
            **fields,
        )
        for n in range(count)
    ]


def _walk(client, path):
    """The titles of every page, following "next" from the first page."""
    return [
        TITLE.findall(r.content.decode()) for r in follow_next(client, path, limit=20)
    ]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(manage, "PAGE_SIZE", 2)
    monkeypatch.setattr(jury, "QUEUE_PAGE_SIZE", 2)
    monkeypatch.setattr(applications_views, "MINE_PAGE_SIZE", 2)


def test_a_funds_applications_walk_newest_submission_first_drafts_last(
    client_for, coordinator, fund, small_pages
):
    call = CallFactory(fund=fund)
    submitted = _submitted(call, 4)
    draft = ApplicationFactory(call=call, status="draft", submitted_at=None)
    path = f"/{fund.municipality.slug}/funds/{fund.slug}/applications/"

    pages = _walk(client_for(coordinator), path)

    assert pages == [
        [submitted[3].title, submitted[2].title],
        [submitted[1].title, submitted[0].title],
        [draft.title],
    ]


def test_the_status_filter_stays_on_the_next_page(
    client_for, coordinator, fund, small_pages
):
    call = CallFactory(fund=fund)
    complete = _submitted(call, 3, status="complete")
    _submitted(call, 3)
    client = client_for(coordinator)
    path = f"/{fund.municipality.slug}/funds/{fund.slug}/applications/"

    first = client.get(path + "?status=complete").content.decode()
    query = next_query(first)
    second = client.get(f"{path}?{query}").content.decode()

    assert "status=complete" in query
    assert TITLE.findall(first) == [complete[2].title, complete[1].title]
    assert TITLE.findall(second) == [complete[0].title]
    back = client.get(f"{path}?{unescape(PREVIOUS.search(second)[1])}")
    assert TITLE.findall(back.content.decode()) == TITLE.findall(first)


def test_the_jury_queue_walks_oldest_submission_first(
    client_for, coordinator, fund, small_pages
):
    call = CallFactory(fund=fund)
    queue = _submitted(call, 5, status="complete")
    _submitted(call, 2)  # not with the jury

    pages = _walk(client_for(coordinator), f"/{fund.municipality.slug}/funds/jury/")

    assert pages == [[a.title for a in queue[i : i + 2]] for i in (0, 2, 4)]


def test_my_applications_walk_last_changed_first(
    client_for, resident, coordinator, fund, small_pages
):
    call = CallFactory(fund=fund)
    mine = _submitted(call, 5, applicant=resident)
    _submitted(call, 2, applicant=coordinator)  # someone else's
    start = timezone.now() - datetime.timedelta(days=1)
    for n, application in enumerate(mine):  # changed in the order they were made
        Application.objects.filter(pk=application.pk).update(
            updated_at=start + datetime.timedelta(minutes=n)
        )

    pages = _walk(client_for(resident), f"/{fund.municipality.slug}/funds/mine/")

    titles = [a.title for a in reversed(mine)]
    assert pages == [titles[0:2], titles[2:4], titles[4:]]


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


@pytest.mark.parametrize("page", ["applications", "jury", "mine"])
def test_the_lists_need_the_same_queries_for_more_rows_and_deeper_pages(
    client_for, coordinator, fund, monkeypatch, page
):
    monkeypatch.setattr(manage, "PAGE_SIZE", 4)
    monkeypatch.setattr(jury, "QUEUE_PAGE_SIZE", 4)
    monkeypatch.setattr(applications_views, "MINE_PAGE_SIZE", 4)
    call = CallFactory(fund=fund)
    slug = fund.municipality.slug
    path = {
        "applications": f"/{slug}/funds/{fund.slug}/applications/",
        "jury": f"/{slug}/funds/jury/",
        "mine": f"/{slug}/funds/mine/",
    }[page]
    client = client_for(coordinator)

    def rows(count):
        # With an organisation and recorded on paper: every column a row shows.
        _submitted(
            call,
            count,
            status="complete",
            applicant=coordinator,
            actor=ActorFactory(municipality=fund.municipality),
            channel="paper",
            contact_name="Frau Beispiel",
        )

    rows(2)
    few, _page = _queries(client, path)
    rows(8)
    many, first = _queries(client, path)
    deep, _page = _queries(client, f"{path}?{next_query(first)}")

    assert len(TITLE.findall(first)) == 4
    assert many == few
    assert deep == few


@pytest.mark.parametrize(
    ("page", "index"),
    [
        ("jury", "application_status_order"),
        ("mine", "application_applicant_order"),
    ],
)
def test_the_lists_are_read_from_an_index_in_list_order(
    client_for, coordinator, fund, page, index
):
    call = CallFactory(fund=fund)
    _submitted(call, 3, status="complete", applicant=coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client_for(coordinator).get(
            f"/{fund.municipality.slug}/funds/{page}/"
        )
    assert response.status_code == 200
    assert_read_in_order(
        the_query(queries, 'SELECT "funds_application"."id"', "ORDER BY"), index
    )


def test_the_bench_pages_answer_after_seed_bench(municipality, client_for, coordinator):
    from quartier.funds.bench import BENCH_PAGES, seed_bench

    seed_bench(municipality, 14)
    assert Application.objects.filter(municipality=municipality).count() == 14
    for label, path in BENCH_PAGES:
        # Pages marked "login" are measured signed in as the coordinator.
        client = client_for(coordinator if "login" in label else None)
        assert client.get(path.format(slug=municipality.slug)).status_code == 200

"""The jury's queue says per application what *I* did, and costs the same number of
queries for a long queue as for a short one (docs/benchmarks.md, "Signed-in
pages")."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.funds.models import ConflictOfInterest
from quartier.funds.tests.factories import (
    ApplicationFactory,
    CallFactory,
    FundFactory,
    JuryMemberFactory,
    VoteFactory,
)


def _rows(page: str) -> dict[str, str]:
    """Application title → the "You" cell of its row."""
    rows = {}
    for row in re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", page, re.S):
        title = re.search(r'class="kern-link"[^>]*>([^<]+)</a>', row)
        cells = re.findall(r'<td class="kern-table__cell">(.*?)</td>', row, re.S)
        if title and cells:
            rows[title.group(1)] = cells[-1]
    return rows


def test_the_queue_shows_my_vote_and_my_conflicts(
    municipality, coordinator, client_for, django_assert_max_num_queries
):
    fund = FundFactory(municipality=municipality)
    call = CallFactory(fund=fund)
    me = JuryMemberFactory(fund=fund, user=coordinator)
    other = JuryMemberFactory(fund=fund)

    def complete(title):
        return ApplicationFactory(call=call, status="complete", title=title)

    voted = complete("Gewählt")
    VoteFactory(application=voted, member=me)
    conflicted = complete("Befangen")
    ConflictOfInterest.objects.create(application=conflicted, member=me)
    by_someone_else = complete("Von anderen gewählt")
    VoteFactory(application=by_someone_else, member=other)
    VoteFactory(application=complete("Zweimal gewählt"), member=me)
    client = client_for(coordinator)
    url = f"/{municipality.slug}/funds/jury/"

    with django_assert_max_num_queries(50) as short:
        rows = _rows(client.get(url).content.decode())

    assert "abgestimmt" in rows["Gewählt"] and "noch nicht" not in rows["Gewählt"]
    assert "Interessenkonflikt" in rows["Befangen"]
    assert "noch nicht abgestimmt" in rows["Von anderen gewählt"]
    assert "abgestimmt" in rows["Zweimal gewählt"]

    for index in range(15):
        VoteFactory(application=complete(f"Weitere {index}"), member=other)
    with django_assert_max_num_queries(len(short.captured_queries)):
        rows = _rows(client.get(url).content.decode())
    assert len(rows) == 19
    assert "noch nicht abgestimmt" in rows["Weitere 7"]


def test_the_queue_shows_20_a_page_each_row_with_its_link_and_fund(
    municipality, coordinator, client_for
):
    # 20 rows a page (issue 19): a long queue costs the page of a short one; the
    # rows' links come from one reversed address, the fund's name from the row.
    fund = FundFactory(municipality=municipality, name="Quartiersfonds Nord")
    call = CallFactory(fund=fund)
    queue = [
        ApplicationFactory(call=call, status="complete", title=f"Antrag {n:02}")
        for n in range(21)
    ]
    client = client_for(coordinator)
    url = f"/{municipality.slug}/funds/jury/"

    with CaptureQueriesContext(connection) as queries:
        first = client.get(url).content.decode()
    read = next(
        q["sql"] for q in queries.captured_queries if "funds_application" in q["sql"]
    )
    rows = re.findall(r"<tr class=\"kern-table__row\"><td(.*?)</tr>", first, re.S)
    links = re.findall(r'class="kern-link" href="([^"]+)">Antrag \d+</a>', first)

    assert len(rows) == 20
    assert all("Quartiersfonds Nord" in row for row in rows)
    assert set(links) <= {a.get_absolute_url() for a in queue}
    assert len(set(links)) == 20
    assert 'rel="next"' in first
    # The row's columns only: no long texts, no related rows built per row.
    assert '"health_benefit"' not in read and '"actors_actor"' not in read

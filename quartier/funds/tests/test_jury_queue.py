"""The jury's queue says per application what *I* did, and costs the same number of
queries for a long queue as for a short one (docs/benchmarks.md, "Signed-in
pages")."""

import re

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

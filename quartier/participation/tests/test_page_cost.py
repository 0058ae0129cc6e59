"""The cost of the contribution pages does not grow with the data (issue 19): the
same queries for a contribution with 2 or 6 comments, supports and topics, for a
list of 2 or 6 contributions, for a resident and a coordinator; and the pages that
`make bench` measures answer after `seed_bench`."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.participation.models import Topic
from quartier.participation.tests.factories import (
    CommentFactory,
    ContributionFactory,
    SupportFactory,
)


def _queries(client, path):
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _contribution(municipality, neighborhood, size):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    for i in range(size):
        CommentFactory(contribution=contribution)
        SupportFactory(contribution=contribution, municipality=municipality)
        topic = Topic.objects.create(
            municipality=municipality, name=f"Thema {size}-{i}", slug=f"t-{size}-{i}"
        )
        contribution.topics.add(topic, through_defaults={"municipality": municipality})
    return reverse(
        "participation:detail",
        kwargs={"municipality_slug": municipality.slug, "pk": contribution.pk},
    )


@pytest.mark.parametrize("who", ["resident", "coordinator"])
def test_a_contributions_page_needs_the_same_queries_for_more_rows(
    request, client_for, municipality, neighborhood, who
):
    client = client_for(request.getfixturevalue(who))
    small = _contribution(municipality, neighborhood, 2)
    large = _contribution(municipality, neighborhood, 6)
    assert _queries(client, small) == _queries(client, large)
    content = client.get(large).content.decode()
    assert "Thema 6-5" in content and content.count("Gute Idee") == 6


@pytest.mark.parametrize("who", ["resident", "coordinator"])
def test_the_list_needs_the_same_queries_for_more_contributions(
    request, client_for, municipality, neighborhood, who
):
    client = client_for(request.getfixturevalue(who))
    path = reverse(
        "participation:list", kwargs={"municipality_slug": municipality.slug}
    )
    for _ in range(2):
        ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    small = _queries(client, path)
    for _ in range(4):
        ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    assert _queries(client, path) == small
    assert len(client.get(path).context["page"].object_list) == 6


def test_the_bench_pages_answer_after_seed_bench(municipality, client_for, coordinator):
    from quartier.participation.bench import BENCH_PAGES, seed_bench

    seed_bench(municipality, 6)
    detail = dict(BENCH_PAGES)["contribution page"].format(slug=municipality.slug)
    assert detail.rstrip("/").split("/")[-1].isdigit(), detail
    links = dict(BENCH_PAGES)["contribution links page (coordinator login)"]
    assert links.format(slug=municipality.slug) == detail + "link/"
    for label, path in BENCH_PAGES:
        # Pages marked "login" are measured signed in as the coordinator.
        client = client_for(coordinator if "login" in label else None)
        assert client.get(path.format(slug=municipality.slug)).status_code == 200


def test_the_coordinators_page_links_to_the_forum_links_instead_of_offering_them(
    client_for, municipality, neighborhood, coordinator
):
    # The form offered every agenda item and decision (Musterstadt's bench: 10,000
    # decisions, ~1 s per page); it is on the page of the links alone now.
    path = _contribution(municipality, neighborhood, 1)
    page = client_for(coordinator).get(path).content.decode()
    link = path + "link/"
    assert f'href="{link}"' in page
    assert 'name="decision"' not in page and 'name="agenda_item"' not in page
    form = client_for(coordinator).get(link).content.decode()
    assert 'name="decision"' in form and 'name="agenda_item"' in form


def test_the_decisions_to_link_are_labelled_with_number_and_escaped_text(
    client_for, municipality, neighborhood, coordinator
):
    # The links page offers the newest decisions (or those its search finds) as
    # radio buttons (test_link_search.py), labelled "<number> (<day>, <forum>):
    # <the text's first 100 characters>", escaped.
    from quartier.forums.models import Decision
    from quartier.participation.tests.test_contributions_flow import _decision

    decisions = [_decision(municipality) for _ in range(3)]
    Decision.objects.filter(pk=decisions[0].pk).update(
        text="Die Bänke <im Park> werden erneuert, " * 4
    )
    path = _contribution(municipality, neighborhood, 0)
    client = client_for(coordinator)
    client.post(path + "link/", {"decision": decisions[1].pk})
    form = client.get(path + "link/").content.decode()
    assert "<im Park>" not in form
    assert "Die Bänke &lt;im Park&gt; werden erneuert" in form
    import re

    for decision in decisions:
        radio = re.search(
            rf'<input type="radio" name="decision" value="{decision.pk}"[^>]*>', form
        )
        assert radio, decision
        assert ("checked" in radio.group(0)) == (decision == decisions[1])
        assert f"{decision.number} (" in form

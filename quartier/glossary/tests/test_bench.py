"""The glossary's benchmark pair (glossary/bench.py): the same contribution page
with 200 linked terms and without a glossary; both answer, the first links every
term once, the second none, with one query more at most."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.glossary.bench import BENCH_PAGES, seed_bench
from quartier.glossary.models import AgreedDefinition, Term
from quartier.glossary.tests.factories import make_decision

pytestmark = pytest.mark.django_db


def test_the_pair_is_the_same_page_with_and_without_the_glossary(client, municipality):
    make_decision(municipality)
    seed_bench(municipality, 200)
    assert Term.objects.of(municipality).count() == 200
    assert (
        AgreedDefinition.objects.filter(term__municipality=municipality).count() == 200
    )
    pages = {}
    for label, path in BENCH_PAGES:
        url = path.format(slug=municipality.slug)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, label
        pages[label] = (response.content.decode(), len(queries))
    (linked, n_linked), (plain, n_plain) = pages.values()
    assert linked.count('class="kern-link q-term"') == 200
    assert plain.count('class="kern-link q-term"') == 0
    assert "Quartiersnetzwerk" in plain
    assert n_linked <= n_plain + 1

"""The glossary's read API: terms with the agreed definition in force and every
version with its decision, in a constant number of queries; no members' names."""

import datetime

import pytest

from quartier.glossary.tests.factories import agree, make_decision, make_term

pytestmark = pytest.mark.django_db


def test_the_api_lists_terms_with_versions(
    client, municipality, resident, django_assert_max_num_queries
):
    decision = make_decision(municipality, decided_on=datetime.date(2025, 1, 1))
    for i in range(6):
        term = make_term(municipality, f"Begriff {i}")
        agree(term, f"Alt {i}", decision, datetime.date(2025, 1, 1))
        agree(term, f"Neu {i}", decision, datetime.date(2025, 6, 1))
        term.proposals.create(text="Vorschlag", proposed_by=resident)
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/municipalities/{municipality.slug}/glossary")
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0]["definition"]["text"] == "Neu 0"
    assert [v["text"] for v in items[0]["versions"]] == ["Neu 0", "Alt 0"]
    assert items[0]["proposals"] == 1
    assert resident.email not in response.content.decode()
    one = client.get(f"/api/v1/municipalities/{municipality.slug}/glossary/begriff-3")
    assert one.json()["definition"]["text"] == "Neu 3"
    missing = client.get(f"/api/v1/municipalities/{municipality.slug}/glossary/nix")
    assert missing.status_code == 404

"""The initiatives API: reads respect visibility, writes need a token and the rights
of its owner, bad input is a JSON 4xx."""

from __future__ import annotations

import json

import pytest

from quartier.accounts.services import token_create
from quartier.actors.tests.factories import ActorFactory
from quartier.initiatives.models import Initiative, InitiativeLink
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/municipalities/musterstadt/initiatives"


def _auth(user):
    _, raw = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(client, url, data, user):
    return client.post(
        url, json.dumps(data), content_type="application/json", **_auth(user)
    )


def test_reading_respects_visibility(client, municipality):
    InitiativeFactory(municipality=municipality, title="Öffentlich")
    hidden = InitiativeFactory(
        municipality=municipality, title="Intern", visibility="internal"
    )
    titles = [i["title"] for i in client.get(BASE).json()["items"]]
    assert titles == ["Öffentlich"]
    assert client.get(f"{BASE}/{hidden.pk}").status_code == 404
    answer = client.get(f"{BASE}?phase=nonsense")
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "phase"


def test_a_coordinator_creates_changes_phases_and_links_with_a_token(
    client, municipality, coordinator
):
    lead = ActorFactory(municipality=municipality)
    answer = _post(
        client,
        BASE,
        {"title": "Kiezlotsen", "summary": "Lotsen für Neue.", "lead_actor": lead.pk},
        coordinator,
    )
    assert answer.status_code == 201, answer.content
    pk = answer.json()["id"]
    assert answer.json()["phase"] == "idea"

    # Open checklist items: a reason is asked for, as on the page.
    answer = _post(client, f"{BASE}/{pk}/phase", {"to": "concept"}, coordinator)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "reason"
    answer = _post(
        client, f"{BASE}/{pk}/phase", {"to": "concept", "reason": "eilt"}, coordinator
    )
    assert answer.status_code == 200
    assert Initiative.objects.get(pk=pk).phase == "concept"

    contribution = ContributionFactory(municipality=municipality)
    answer = _post(
        client,
        f"{BASE}/{pk}/links",
        {"kind": "initiatives.contribution", "target": str(contribution.pk)},
        coordinator,
    )
    assert answer.status_code == 201, answer.content
    detail = client.get(f"{BASE}/{pk}").json()
    assert detail["links"]["initiatives.contribution"] == [contribution.pk]
    for bad in (
        {"kind": "nope", "target": "1"},
        {"kind": "initiatives.offering", "target": "x"},
    ):
        answer = _post(client, f"{BASE}/{pk}/links", bad, coordinator)
        assert answer.status_code == 422, bad
    assert InitiativeLink.objects.count() == 1


def test_writes_need_a_token_and_the_right(client, municipality, resident):
    initiative = InitiativeFactory(municipality=municipality)
    answer = client.post(
        BASE,
        json.dumps({"title": "x", "summary": "y"}),
        content_type="application/json",
    )
    assert answer.status_code == 401
    answer = _post(client, BASE, {"title": "x", "summary": "y"}, resident)
    assert answer.status_code == 403
    answer = client.patch(
        f"{BASE}/{initiative.pk}",
        json.dumps({"title": "Gekapert"}),
        content_type="application/json",
        **_auth(resident),
    )
    assert answer.status_code == 403
    initiative.refresh_from_db()
    assert initiative.title != "Gekapert"


def test_a_lead_partner_edits_with_a_token(client, municipality, partner):
    mine = ActorFactory(municipality=municipality)
    mine.members.add(partner)
    initiative = InitiativeFactory(municipality=municipality, lead_actor=mine)
    answer = client.patch(
        f"{BASE}/{initiative.pk}",
        json.dumps({"summary": "Neu beschrieben."}),
        content_type="application/json",
        **_auth(partner),
    )
    assert answer.status_code == 200, answer.content
    initiative.refresh_from_db()
    assert initiative.summary == "Neu beschrieben."


def test_bad_input_is_a_json_4xx(client, municipality, coordinator):
    initiative = InitiativeFactory(municipality=municipality)
    for payload in (
        {"starts_on": "2026-05-01", "planned_end_on": "2026-01-01"},
        {"title": ""},
        {"visibility": "geheim"},
    ):
        answer = client.patch(
            f"{BASE}/{initiative.pk}",
            json.dumps(payload),
            content_type="application/json",
            **_auth(coordinator),
        )
        assert answer.status_code == 422, (payload, answer.content)
        assert answer.json()["detail"]
    answer = _post(
        client, f"{BASE}/{initiative.pk}/phase", {"to": "sofort"}, coordinator
    )
    assert answer.status_code == 422
    answer = _post(
        client, BASE, {"title": "Ohne Federführung", "summary": "x"}, coordinator
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "lead_actor"

"""Follow-ups (Wiedervorlagen) on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from quartier.initiatives import services
from quartier.initiatives.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

URL = "/musterstadt/overview/"


def test_open_follow_ups_appear_in_the_coordinators_overview_until_done(
    client_for, municipality, coordinator, partner
):
    initiative = InitiativeFactory(municipality=municipality, title="Quartiersgarten")
    follow_up = services.follow_up_add(
        by=coordinator,
        initiative=initiative,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        note="Finanzierung beim Jugendamt nachfragen",
        person=coordinator,
    )
    html = client_for(coordinator).get(URL).content.decode()
    assert "Quartiersgarten: Finanzierung beim Jugendamt nachfragen" in html
    # The partner has no work queue of the coordination.
    assert (
        "Finanzierung beim Jugendamt"
        not in client_for(partner).get(URL).content.decode()
    )
    listing = client_for(coordinator).get("/musterstadt/initiatives/follow-ups/")
    assert "Finanzierung beim Jugendamt nachfragen" in listing.content.decode()

    services.follow_up_done(by=coordinator, follow_up=follow_up)
    html = client_for(coordinator).get(URL).content.decode()
    assert "Finanzierung beim Jugendamt nachfragen" not in html


def test_a_follow_up_addressed_to_a_partner_is_among_their_own_things(
    client_for, municipality, coordinator, partner
):
    initiative = InitiativeFactory(municipality=municipality, title="Lesepaten")
    services.follow_up_add(
        by=coordinator,
        initiative=initiative,
        due_on=timezone.localdate(),
        note="Räume für den Herbst klären",
        person=partner,
    )
    html = client_for(partner).get(URL).content.decode()
    assert "Lesepaten: Räume für den Herbst klären" in html

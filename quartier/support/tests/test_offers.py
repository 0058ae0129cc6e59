"""Support offers: the state-wide catalogue (advisers) and local offers
(coordinators), public reading, deadlines in the iCalendar feed, the process guide
with the municipality's initiatives per phase, and the public API."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.support.models import OfferDeadline, SupportOffer
from quartier.support.tests.factories import SupportOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser():
    return UserFactory(is_adviser=True)


def offer_data(**extra):
    return {
        "kind": "funding",
        "title": "Impulsförderung",
        "provider": "Landesförderstelle",
        "description": "Zuschuss für den Start eines Quartiersprozesses.",
        "amount_min": "1000",
        "amount_max": "5000",
        "cofinancing_percent": "20",
        "recommendation_keys": ["R2", "R4"],
        "phase_keys": ["idea"],
        "deadline_lines": "31.03.2027 Antragsfrist\n30.09.2027 Zweiter Stichtag",
        **extra,
    }


def test_an_adviser_adds_a_state_wide_offer_with_deadlines(client_for, adviser):
    response = client_for(adviser).post(reverse("shared_support:new"), offer_data())
    assert response.status_code == 302
    offer = SupportOffer.objects.get()
    assert offer.municipality is None
    assert offer.recommendation_keys == ["R2", "R4"]
    assert offer.phase_keys == ["idea"]
    assert list(offer.deadlines.values_list("due_on", "label")) == [
        (datetime.date(2027, 3, 31), "Antragsfrist"),
        (datetime.date(2027, 9, 30), "Zweiter Stichtag"),
    ]


def test_bad_amounts_and_dates_are_refused_next_to_the_field(client_for, adviser):
    client = client_for(adviser)
    response = client.post(
        reverse("shared_support:new"),
        offer_data(amount_min="9000", amount_max="100"),
    )
    assert response.status_code == 200
    assert "Der obere Betrag darf nicht unter dem unteren liegen." in (
        response.content.decode()
    )
    response = client.post(
        reverse("shared_support:new"), offer_data(deadline_lines="morgen Frist")
    )
    assert "Zeile 1: Beginnen Sie mit einem Datum wie 31.03.2027." in (
        response.content.decode()
    )
    assert not SupportOffer.objects.exists()


def test_coordinators_add_local_offers_seen_only_on_their_pages(
    client_for, municipality, other_municipality, coordinator
):
    m = {"municipality_slug": municipality.slug}
    response = client_for(coordinator).post(
        reverse("support:offer_new", kwargs=m), offer_data(title="Rathaus-Beratung")
    )
    assert response.status_code == 302
    local = SupportOffer.objects.get(title="Rathaus-Beratung")
    assert local.municipality == municipality
    state = SupportOfferFactory(title="Landesweit")
    guest = client_for(None)
    page = guest.get(reverse("support:offers", kwargs=m)).content.decode()
    assert "Rathaus-Beratung" in page and "Landesweit" in page
    other = guest.get(
        reverse("support:offers", kwargs={"municipality_slug": other_municipality.slug})
    ).content.decode()
    assert "Rathaus-Beratung" not in other and "Landesweit" in other
    top = guest.get(reverse("shared_support:list")).content.decode()
    assert "Rathaus-Beratung" not in top and state.title in top


def test_the_deadline_feed_has_one_all_day_event_per_deadline(client, municipality):
    offer = SupportOfferFactory(title="Kleinprojektefonds")
    OfferDeadline.objects.create(
        offer=offer, due_on=datetime.date(2027, 2, 1), label="Vergaberunde"
    )
    local = SupportOfferFactory(municipality=municipality, title="Lokal")
    OfferDeadline.objects.create(
        offer=local, due_on=datetime.date(2027, 3, 1), label="Frist"
    )
    feed = client.get(
        reverse("support:deadlines", kwargs={"municipality_slug": municipality.slug})
    )
    assert feed["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events] == [
        ("Vergaberunde: Kleinprojektefonds", datetime.date(2027, 2, 1)),
        ("Frist: Lokal", datetime.date(2027, 3, 1)),
    ]
    state_feed = client.get(reverse("shared_support:deadlines"))
    assert len(icalendar.Calendar.from_ical(state_feed.content).walk("VEVENT")) == 1


def test_the_guide_counts_the_initiatives_per_phase(
    client_for, municipality, coordinator
):
    from quartier.initiatives.tests.factories import InitiativeFactory

    InitiativeFactory(municipality=municipality, phase="pilot")
    InitiativeFactory(municipality=municipality, phase="pilot")
    InitiativeFactory(municipality=municipality, phase="idea")
    SupportOfferFactory(title="Passt zur Erprobung", phases="|pilot|")
    html = (
        client_for(coordinator)
        .get(reverse("support:guide", kwargs={"municipality_slug": municipality.slug}))
        .content.decode()
    )
    pilot = html[
        html.index('id="phase-pilot"') : html.index('id="phase-implementation"')
    ]
    idea = html[html.index('id="phase-idea"') : html.index('id="phase-concept"')]
    assert "2 Ihrer Vorhaben sind in dieser Phase." in pilot
    assert "Passt zur Erprobung" in pilot
    assert "hier stehen Sie" in pilot
    assert "1 Ihrer Vorhaben ist in dieser Phase." in idea
    assert "Passt zur Erprobung" not in idea


def test_the_api_lists_offers_publicly(client, municipality):
    SupportOfferFactory(title="Landesweit")
    SupportOfferFactory(municipality=municipality, title="Lokal")
    state = client.get("/api/v1/support-offers").json()
    assert [o["title"] for o in state["items"]] == ["Landesweit"]
    local = client.get(f"/api/v1/municipalities/{municipality.slug}/support-offers")
    assert sorted(o["title"] for o in local.json()["items"]) == ["Landesweit", "Lokal"]

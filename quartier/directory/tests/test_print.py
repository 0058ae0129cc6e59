"""The printable directory: selection form and A4 PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    from pypdf import PdfReader

    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def url(name="directory:print_pdf"):
    return reverse(name, kwargs={"municipality_slug": "musterstadt"})


@pytest.fixture
def offerings(municipality, neighborhood):
    provider = ActorFactory(
        municipality=municipality, name="Sportverein Sonnenberg e.V."
    )
    other_hood = NeighborhoodFactory(
        municipality=municipality, name="Altstadt", slug="altstadt"
    )
    place = LocationFactory(
        municipality=municipality,
        name="Bürgerhaus Sonnenberg",
        address_1="Am Hang 3",
        barrier_free=True,
        neighborhood=neighborhood,
    )
    walking = ServiceFactory(
        municipality=municipality,
        provider=provider,
        name="Spaziergang am Dienstag",
        terms=[term(municipality, "bewegung"), term(municipality, "aeltere")],
        neighborhoods=[neighborhood],
        locations=[place],
        free_of_charge=False,
        fee_description="2 Euro im Monat",
    )
    ScheduleFactory(service=walking)
    ContactFactory(service=walking, name="Aylin Demir", phone="07000 1234")
    ServiceFactory(
        municipality=municipality,
        name="Suchtberatung für alle",
        terms=[term(municipality, "sucht")],
    )
    ServiceFactory(
        municipality=municipality,
        name="Schachclub Altstadt",
        terms=[term(municipality, "begegnung")],
        neighborhoods=[other_hood],
    )
    ServiceFactory(
        municipality=municipality,
        name="Eingestelltes Angebot",
        status="defunct",
        terms=[term(municipality, "bewegung")],
    )
    ServiceFactory(
        municipality=municipality,
        name="Interner Kurs",
        provider=ActorFactory(municipality=municipality, visibility="internal"),
        terms=[term(municipality, "bewegung")],
    )
    return walking


def test_guests_see_the_selection_form(client_for, municipality, neighborhood):
    response = client_for(None).get(url("directory:print"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="neighborhood"' in html and 'name="topic"' in html
    assert "sonnenberg" in html


def test_the_whole_directory_is_a_pdf_with_every_listed_offering(client_for, offerings):
    response = client_for(None).get(url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    assert "Musterstadt" in text
    assert "Spaziergang am Dienstag" in text
    assert "Sportverein Sonnenberg e.V." in text
    assert "Am Hang 3" in text
    assert "2 Euro im Monat" in text
    assert "07000 1234" in text
    assert "Suchtberatung für alle" in text
    assert "Schachclub Altstadt" in text
    assert "Eingestelltes Angebot" not in text
    assert "Interner Kurs" not in text


def test_a_neighbourhood_keeps_its_own_and_the_town_wide_offerings(
    client_for, offerings, neighborhood
):
    response = client_for(None).get(url(), {"neighborhood": neighborhood.slug})

    text = pdf_text(response)
    assert "Spaziergang am Dienstag" in text
    assert "Suchtberatung für alle" in text
    assert "Schachclub Altstadt" not in text


def test_a_topic_keeps_only_its_offerings(client_for, offerings):
    response = client_for(None).get(url(), {"topic": "sucht"})

    text = pdf_text(response)
    assert "Suchtberatung für alle" in text
    assert "Spaziergang am Dienstag" not in text


def test_an_unknown_choice_shows_the_form_again(client_for, offerings):
    response = client_for(None).get(url(), {"neighborhood": "nirgendwo"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'aria-invalid="true"' in response.content.decode()


def test_too_many_offerings_ask_for_a_narrower_choice(
    client_for, offerings, monkeypatch
):
    from quartier.directory.views import printing

    monkeypatch.setattr(printing, "PRINT_LIMIT", 2)
    response = client_for(None).get(url())

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "kern-alert--warning" in response.content.decode()

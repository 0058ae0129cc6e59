"""Posters with QR codes, the paper form, and the plain-language mode."""

import io

import pytest
from django.urls import reverse

from quartier.core.context_processors import PLAIN_LANGUAGE_COOKIE
from quartier.participation.views import posters as poster_views

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(content)).pages
    # A long address may wrap: compare without line breaks.
    return "".join(page.extract_text() for page in pages).replace("\n", "")


@pytest.fixture
def spy_qr(monkeypatch):
    """Record every URL handed to segno."""
    seen = []
    real = poster_views.segno.make

    def make(content, **kwargs):
        seen.append(content)
        return real(content, **kwargs)

    monkeypatch.setattr(poster_views.segno, "make", make)
    return seen


@pytest.fixture
def meeting_place(municipality, neighborhood):
    from quartier.directory.models import Location

    return Location.objects.create(
        municipality=municipality,
        name="Seniorentreff im Bürgerhaus",
        is_meeting_place=True,
        neighborhood=neighborhood,
    )


def test_the_neighbourhood_poster_is_a_pdf_with_the_right_qr(
    client_for, coordinator, neighborhood, spy_qr, settings
):
    settings.SITE_URL = "https://quartier.example"
    response = client_for(coordinator).get(
        reverse(
            "participation:poster_neighborhood",
            kwargs={"municipality_slug": "musterstadt", "slug": neighborhood.slug},
        )
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    expected = (
        "https://quartier.example/musterstadt/participation/new/"
        f"?neighborhood={neighborhood.pk}"
    )
    assert spy_qr == [expected]
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1  # one A4 sheet
    text = pdf_text(response.content)
    assert "quartier.example/musterstadt/participation/q/sonnenberg" in text
    assert "Sonnenberg" in text


def test_without_site_url_the_poster_uses_the_requested_host(
    client_for, coordinator, neighborhood, spy_qr, settings
):
    settings.SITE_URL = ""
    client_for(coordinator).get(
        reverse(
            "participation:poster_neighborhood",
            kwargs={"municipality_slug": "musterstadt", "slug": neighborhood.slug},
        )
    )
    assert spy_qr == [
        f"http://testserver/musterstadt/participation/new/?neighborhood={neighborhood.pk}"
    ]


def test_the_meeting_place_poster_preselects_its_neighbourhood(
    client_for, coordinator, meeting_place, neighborhood, spy_qr
):
    response = client_for(coordinator).get(
        reverse(
            "participation:poster_place",
            kwargs={"municipality_slug": "musterstadt", "pk": meeting_place.pk},
        )
    )
    assert response.content.startswith(b"%PDF")
    assert spy_qr[0].endswith(
        f"/musterstadt/participation/new/?neighborhood={neighborhood.pk}"
    )
    assert "Seniorentreff im Bürgerhaus" in pdf_text(response.content)


def test_the_posters_page_lists_neighbourhoods_and_meeting_places(
    client_for, coordinator, neighborhood, meeting_place
):
    page = client_for(coordinator).get(
        reverse("participation:posters", kwargs={"municipality_slug": "musterstadt"})
    )
    html = page.content.decode()
    assert f"/posters/neighborhood/{neighborhood.slug}/" in html
    assert f"/posters/place/{meeting_place.pk}/" in html


@pytest.mark.parametrize("role", ["anonymous", "resident", "partner", "other_admin"])
def test_posters_are_for_the_coordination(client_for, users, neighborhood, role):
    response = client_for(users[role]).get(
        reverse(
            "participation:poster_neighborhood",
            kwargs={"municipality_slug": "musterstadt", "slug": neighborhood.slug},
        )
    )
    assert response.status_code in (302, 403)


def test_the_short_address_leads_to_the_form_with_the_neighbourhood(
    client, neighborhood
):
    response = client.get(
        reverse(
            "participation:short",
            kwargs={"municipality_slug": "musterstadt", "neighborhood": "sonnenberg"},
        )
    )
    assert response["Location"] == (
        f"/musterstadt/participation/new/?neighborhood={neighborhood.pk}"
    )


def test_the_paper_form_is_a_pdf_with_every_field(client, neighborhood):
    response = client.get(
        reverse("participation:paper_form", kwargs={"municipality_slug": "musterstadt"})
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Sonnenberg" in text  # the neighbourhoods as tick boxes
    assert "127.0.0.1:8000/musterstadt/participation/new" in text


# --- Plain language -------------------------------------------------------------------


def toggle(client, plain, next_url="/musterstadt/", **headers):
    return client.post(
        reverse("plain_language_toggle"), {"plain": plain, "next": next_url}, **headers
    )


def test_the_switch_sets_and_clears_the_cookie(client, municipality):
    on = toggle(client, "1")
    assert on.status_code == 302 and on["Location"] == "/musterstadt/"
    assert on.cookies[PLAIN_LANGUAGE_COOKIE].value == "1"
    page = client.get("/musterstadt/")
    assert page.context["plain_language"] is True
    assert 'class="q-body q-plain"' in page.content.decode()
    off = toggle(client, "0")
    assert off.cookies[PLAIN_LANGUAGE_COOKIE].value == ""
    assert client.get("/musterstadt/").context["plain_language"] is False


def test_the_switch_goes_back_only_to_this_site(client, municipality):
    assert toggle(client, "1", "https://evil.example/")["Location"] == "/"


def test_the_switch_refuses_a_foreign_origin(client, municipality):
    response = toggle(client, "1", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert PLAIN_LANGUAGE_COOKIE not in response.cookies


def test_every_page_shows_the_switch(client, municipality):
    html = client.get("/musterstadt/").content.decode()
    assert 'action="/i18n/plain-language/"' in html
    assert 'aria-pressed="false"' in html


def test_the_guest_cache_keeps_plain_and_normal_pages_apart(
    client, municipality, settings
):
    settings.ANON_CACHE_SECONDS = 60
    path = reverse(
        "participation:plain_language", kwargs={"municipality_slug": "musterstadt"}
    )
    normal = client.get(path).content.decode()
    assert 'class="q-body q-plain"' not in normal
    client.cookies[PLAIN_LANGUAGE_COOKIE] = "1"
    plain = client.get(path).content.decode()
    assert 'class="q-body q-plain"' in plain
    del client.cookies[PLAIN_LANGUAGE_COOKIE]
    again = client.get(path).content.decode()
    assert 'class="q-body q-plain"' not in again
    assert again == normal  # served from the cache, and the normal version


def test_plain_language_variants_in_the_survey_list(client, municipality):
    path = reverse("surveys:list", kwargs={"municipality_slug": "musterstadt"})
    normal = client.get(path).content.decode()
    client.cookies[PLAIN_LANGUAGE_COOKIE] = "1"
    plain = client.get(path).content.decode()
    assert normal != plain

"""The open-data page, the files and the settings: what residents see, what the
admins change, and that every file may be fetched cross-origin by guests only."""

import pytest
from django.test import Client

from quartier.core import open_datasets as od
from quartier.core.models import AuditEntry
from quartier.opendata.catalog import file_url
from quartier.opendata.models import Licence, OpenDataSettings
from quartier.opendata.tests.world import build_world

pytestmark = pytest.mark.django_db


def test_page_shows_every_dataset_with_licence_frequency_and_files(
    municipality, client
):
    build_world(municipality)
    response = client.get("/musterstadt/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in html
    for dataset in od.datasets():
        assert str(dataset.title) in html
        assert str(dataset.frequency_label) in html
        for dist in dataset.distributions:
            assert file_url(municipality, dataset, dist) in html
    assert "Noch keine Daten" not in html  # every dataset has a last change here


def test_page_says_when_a_dataset_is_still_empty(municipality, client):
    html = client.get("/musterstadt/open-data/").content.decode()
    assert "Noch keine Daten" in html


def test_home_links_to_the_open_data_page(municipality, client):
    html = client.get("/musterstadt/").content.decode()
    assert 'href="/musterstadt/open-data/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "files/unknown.csv",
        "files/contributions.pdf",
        # The meetings come from the forums' own feed, not from here.
        "files/meetings.ics",
    ],
)
def test_unknown_files_are_not_found(municipality, client, path):
    assert client.get(f"/musterstadt/open-data/{path}").status_code == 404


def test_every_file_may_be_fetched_cross_origin_by_guests_only(
    municipality, client_for, resident
):
    build_world(municipality)
    client = Client()
    signed_in = client_for(resident)
    for dataset in od.datasets():
        for dist in dataset.distributions:
            url = file_url(municipality, dataset, dist)
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith(dist.media_type), url
            assert response.get("Access-Control-Allow-Origin") == "*", url
            assert "Access-Control-Allow-Origin" not in signed_in.get(url), url


def test_admin_chooses_licence_attribution_and_contact(
    municipality, client_for, admin_user
):
    response = client_for(admin_user).post(
        "/musterstadt/open-data/settings/",
        {
            "licence": Licence.DL_ZERO,
            "attribution": " Stadt Musterstadt ",
            "contact_email": "offenedaten@musterstadt.example",
        },
    )
    assert response.status_code == 302
    saved = OpenDataSettings.objects.get(municipality=municipality)
    assert saved.licence == Licence.DL_ZERO
    assert saved.attribution == "Stadt Musterstadt"
    assert AuditEntry.objects.filter(action="opendata.change_settings").exists()
    html = client_for(admin_user).get("/musterstadt/open-data/").content.decode()
    assert "Datenlizenz Deutschland – Zero – Version 2.0" in html
    assert "offenedaten@musterstadt.example" in html


def test_settings_reject_an_unknown_licence_with_a_german_message(
    municipality, client_for, admin_user
):
    response = client_for(admin_user).post(
        "/musterstadt/open-data/settings/",
        {"licence": "http://example.org/my-licence", "contact_email": "kein-mail"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "gültige Auswahl" in html
    assert "gültige E-Mail-Adresse" in html
    assert not OpenDataSettings.objects.exists()


@pytest.mark.parametrize("role", ["resident", "coordinator", "other_admin"])
def test_only_the_admins_of_the_municipality_change_settings(
    municipality, client_for, users, role
):
    response = client_for(users[role]).post(
        "/musterstadt/open-data/settings/", {"licence": Licence.CC_ZERO}
    )
    assert response.status_code == 403
    assert not OpenDataSettings.objects.exists()

"""The official municipality key (Amtlicher Gemeindeschlüssel) in the municipality's
settings: 8 digits or nothing; open data and OParl name the municipality by it
(opendata/tests/test_catalog.py, oparl/tests/test_server.py)."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_official_municipality_key_has_eight_digits(
    client_for, admin_user, municipality
):
    url = reverse("core:settings", kwargs={"municipality_slug": municipality.slug})
    data = {
        "name": "Musterstadt",
        "description": "",
        "moderation_mode": "pre",
        "response_days": "14",
        "join_policy": "open",
        "ags": "0811100",
    }
    response = client_for(admin_user).post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern." in page
    assert 'value="0811100"' in page  # what was typed stays
    municipality.refresh_from_db()
    assert municipality.ags == ""
    assert (
        client_for(admin_user).post(url, {**data, "ags": "08999001"}).status_code == 302
    )
    municipality.refresh_from_db()
    assert municipality.ags == "08999001"

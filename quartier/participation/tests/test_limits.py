"""Limits of the open form: single-use fill-time tokens, photo uploads limited for
signed-in people too, and event windows for workshops on one Wi-Fi (issues 10, 11)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from quartier.participation.forms import new_started_token
from quartier.participation.models import Contribution, EventWindow

WORKSHOP_IP = "10.9.9.9"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT_IP = 6


def _url(municipality, name="participation:new"):
    return reverse(name, kwargs={"municipality_slug": municipality.slug})


def _data(neighborhood, **extra):
    return {
        "kind": "idea",
        "title": "Mehr Bänke am Marktplatz",
        "text": "Zum Ausruhen beim Einkaufen.",
        "neighborhood": neighborhood.pk,
        "language": "de",
        "started": new_started_token(),
        "website": "",
        **extra,
    }


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile("bank.png", buffer.getvalue(), "image/png")


def test_a_replayed_fill_time_token_is_refused(client, municipality, neighborhood):
    data = _data(neighborhood)
    assert client.post(_url(municipality), data).status_code == 302
    response = client.post(_url(municipality), data, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200
    assert Contribution.objects.count() == 1
    # The form shown again carries a fresh token: sending it once more works.
    fresh = response.context["form"].data["started"]
    assert fresh != data["started"]
    again = client.post(_url(municipality), {**data, "started": fresh})
    assert again.status_code == 302
    assert Contribution.objects.count() == 2


def test_photo_uploads_of_signed_in_people_are_limited(
    client_for, settings, municipality, neighborhood, resident
):
    settings.PARTICIPATION_RATE_LIMIT_PHOTOS = 2
    client = client_for(resident)
    for _ in range(2):
        response = client.post(_url(municipality), _data(neighborhood, photo=_photo()))
        assert response.status_code == 302
    response = client.post(_url(municipality), _data(neighborhood, photo=_photo()))
    assert response.status_code == 429
    assert Contribution.objects.count() == 2
    # Without a photo, a signed-in resident still gets through.
    assert client.post(_url(municipality), _data(neighborhood)).status_code == 302


def test_photo_uploads_of_coordinators_are_limited(
    client_for, settings, municipality, neighborhood, coordinator
):
    settings.PARTICIPATION_RATE_LIMIT_PHOTOS = 1
    client = client_for(coordinator)
    url = _url(municipality, "participation:intake")
    data = _data(neighborhood, channel="paper")
    assert client.post(url, {**data, "photo": _photo()}).status_code == 302
    assert client.post(url, {**data, "photo": _photo()}).status_code == 429
    assert Contribution.objects.count() == 1


def _window(municipality, coordinator, **fields):
    now = timezone.now()
    values = {
        "name": "Werkstatt Lindenpark",
        "code": "lindenpark",
        "starts_at": now - datetime.timedelta(hours=1),
        "ends_at": now + datetime.timedelta(hours=2),
        "limit": 60,
        **fields,
    }
    return EventWindow.objects.create(
        municipality=municipality, created_by=coordinator, **values
    )


def _post_many(client, municipality, neighborhood, n, **extra):
    statuses = [
        client.post(
            _url(municipality), _data(neighborhood, **extra), REMOTE_ADDR=WORKSHOP_IP
        ).status_code
        for _ in range(n)
    ]
    return statuses


def test_six_from_one_address_block_the_seventh(client, municipality, neighborhood):
    statuses = _post_many(client, municipality, neighborhood, 7)
    assert statuses == [302] * 6 + [429]


def test_a_workshop_of_forty_posts_with_the_code(
    client, municipality, neighborhood, coordinator
):
    _window(municipality, coordinator)
    statuses = _post_many(
        client, municipality, neighborhood, 40, event_code="Lindenpark"
    )
    assert statuses == [302] * 40
    assert Contribution.objects.count() == 40
    # Without the code the usual limit holds for the same address.
    assert _post_many(client, municipality, neighborhood, 7)[-1] == 429


def test_the_window_has_its_own_limit(client, municipality, neighborhood, coordinator):
    _window(municipality, coordinator, limit=3)
    statuses = _post_many(
        client, municipality, neighborhood, 4, event_code="lindenpark"
    )
    assert statuses == [302, 302, 302, 429]


def test_after_the_window_the_limit_holds(
    client, municipality, neighborhood, coordinator
):
    now = timezone.now()
    _window(
        municipality,
        coordinator,
        starts_at=now - datetime.timedelta(hours=3),
        ends_at=now - datetime.timedelta(minutes=1),
    )
    response = client.post(
        _url(municipality),
        _data(neighborhood, event_code="lindenpark"),
        REMOTE_ADDR=WORKSHOP_IP,
    )
    assert response.status_code == 200
    assert "event_code" in response.context["form"].errors
    assert _post_many(client, municipality, neighborhood, 7)[-1] == 429
    assert Contribution.objects.count() == 6


def test_a_window_of_another_municipality_does_not_count(
    client, municipality, other_municipality, neighborhood, coordinator
):
    _window(other_municipality, coordinator)
    response = client.post(
        _url(municipality),
        _data(neighborhood, event_code="lindenpark"),
        REMOTE_ADDR=WORKSHOP_IP,
    )
    assert "event_code" in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_a_coordinator_opens_a_window(client_for, municipality, coordinator, resident):
    url = _url(municipality, "participation:event_windows")
    start = timezone.localtime() + datetime.timedelta(hours=1)
    data = {
        "name": "Werkstatt im Nachbarschaftshaus",
        "place": "Nachbarschaftshaus Sonnenberg",
        "code": "sonnenberg",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "limit": "50",
    }
    assert client_for(resident).post(url, data).status_code == 403
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 302
    window = EventWindow.objects.get()
    assert (window.code, window.limit, window.municipality) == (
        "sonnenberg",
        50,
        municipality,
    )
    page = client_for(coordinator).get(url).content.decode()
    assert "?code=sonnenberg" in page


@pytest.mark.parametrize(
    "change, field",
    [
        ({"ends_at": "2020-01-01T10:00", "starts_at": "2020-01-01T09:00"}, "ends_at"),
        ({"ends_at": "2030-01-20T10:00", "starts_at": "2030-01-01T09:00"}, "ends_at"),
        ({"limit": "100000"}, "limit"),
        ({"code": ""}, "code"),
    ],
)
def test_a_bad_window_is_refused_next_to_the_field(
    client_for, municipality, coordinator, change, field
):
    data = {
        "name": "Werkstatt",
        "code": "werkstatt",
        "starts_at": "2030-01-01T09:00",
        "ends_at": "2030-01-01T12:00",
        "limit": "40",
        **change,
    }
    response = client_for(coordinator).post(
        _url(municipality, "participation:event_windows"), data
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not EventWindow.objects.exists()

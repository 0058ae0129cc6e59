"""The public list (filters, sorting, constant queries), photos and the API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from quartier.accounts.models import ApiToken, hash_token
from quartier.participation.forms import new_started_token
from quartier.participation.models import Contribution, Topic
from quartier.participation.tests.factories import (
    CommentFactory,
    ContributionFactory,
    SupportFactory,
)


def _list(municipality):
    return reverse(
        "participation:list", kwargs={"municipality_slug": municipality.slug}
    )


def _seed(municipality, neighborhood, n):
    for i in range(n):
        c = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
        c.topics.set(municipality_topics(municipality)[:2])
        SupportFactory(contribution=c)
        CommentFactory(contribution=c)
        if i % 2:
            c.latitude, c.longitude = 48.5, 9.1
            c.save()


def municipality_topics(municipality):
    from quartier.participation.models import Topic

    return list(Topic.objects.of(municipality))


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_needs_the_same_queries_for_5_and_50(
    client, municipality, neighborhood, count, django_assert_max_num_queries
):
    _seed(municipality, neighborhood, count)
    with django_assert_max_num_queries(12):
        response = client.get(_list(municipality) + "?sort=supported")
    assert response.status_code == 200


def test_filters_and_sorting(client, municipality, neighborhood):
    idea = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood, kind="idea", title="Bänke"
    )
    question = ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        kind="question",
        title="Bus",
    )
    SupportFactory(contribution=question)
    hidden = ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        is_hidden=True,
        title="Weg",
    )
    page = client.get(_list(municipality) + "?kind=idea").context["page"]
    assert [c.pk for c in page.object_list] == [idea.pk]
    page = client.get(_list(municipality) + "?sort=supported").context["page"]
    assert [c.pk for c in page.object_list][0] == question.pk
    assert hidden.pk not in [c.pk for c in page.object_list]


def test_a_photo_loses_its_location_data(
    client, settings, tmp_path, municipality, neighborhood
):
    settings.MEDIA_ROOT = tmp_path
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x010F] = "Kamera-Hersteller"
    exif[0x8825] = {2: (48.0, 30.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif()
    upload = SimpleUploadedFile(
        "foto.jpg", buffer.getvalue(), content_type="image/jpeg"
    )
    data = {
        "kind": "experience",
        "title": "Kaputte Bank",
        "text": "Die Bank am Brunnen ist kaputt.",
        "neighborhood": neighborhood.pk,
        "language": "de",
        "started": new_started_token(),
        "photo": upload,
    }
    url = reverse("participation:new", kwargs={"municipality_slug": municipality.slug})
    assert client.post(url, data).status_code == 302
    contribution = Contribution.objects.get()
    with contribution.photo.open("rb") as stored:
        saved = Image.open(stored)
        assert saved.format == "JPEG"
        assert not saved.getexif()


def test_a_file_that_is_no_photo_is_refused(
    client, settings, tmp_path, municipality, neighborhood
):
    settings.MEDIA_ROOT = tmp_path
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    data = {
        "kind": "idea",
        "title": "Text statt Foto",
        "text": "Hallo",
        "neighborhood": neighborhood.pk,
        "language": "de",
        "started": new_started_token(),
        "photo": SimpleUploadedFile(
            "a.jpg", b"not an image", content_type="image/jpeg"
        ),
    }
    url = reverse("participation:new", kwargs={"municipality_slug": municipality.slug})
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Contribution.objects.exists()


API = "/api/v1/municipalities/{}/contributions"


def test_api_lists_only_public_contributions(client, municipality, neighborhood):
    ContributionFactory(
        municipality=municipality, neighborhood=neighborhood, title="Sichtbar"
    )
    ContributionFactory(
        municipality=municipality, neighborhood=neighborhood, moderation="pending"
    )
    body = client.get(API.format(municipality.slug)).json()
    assert body["count"] == 1
    assert body["items"][0]["title"] == "Sichtbar"


def test_api_creates_anonymously_with_a_rate_limit(
    client, settings, municipality, neighborhood
):
    settings.PARTICIPATION_RATE_LIMIT_IP = 2
    Topic.objects.create(municipality=municipality, name="Busse", slug="busse")
    payload = {
        "kind": "concern",
        "title": "Zu wenig Busse am Wochenende",
        "text": "Samstags fährt kein Bus auf den Sonnenberg.",
        "neighborhood": neighborhood.slug,
        "topics": ["living-conditions"],
    }
    url = API.format(municipality.slug)
    # The layers are the coordination's analysis tag: not for residents.
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 422, response.content
    payload["topics"] = ["busse"]
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["topics"] == ["busse"]
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 429
    assert "detail" in response.json()


def test_api_refuses_an_unknown_neighbourhood(client, municipality):
    response = client.post(
        API.format(municipality.slug),
        {"kind": "idea", "title": "x", "text": "y", "neighborhood": "nirgendwo"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_api_respond_needs_a_coordinators_token(
    client, municipality, neighborhood, coordinator, resident
):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    url = f"{API.format(municipality.slug)}/{contribution.pk}/respond"
    payload = {"status": "in_review", "answer": "<p>Wir schauen uns das an.</p>"}
    assert client.post(url, payload, content_type="application/json").status_code == 401
    ApiToken.objects.create(
        user=resident, name="r", token_hash=hash_token("qt_r"), hint="r"
    )
    response = client.post(
        url, payload, content_type="application/json", HTTP_AUTHORIZATION="Bearer qt_r"
    )
    assert response.status_code == 403
    ApiToken.objects.create(
        user=coordinator, name="c", token_hash=hash_token("qt_c"), hint="c"
    )
    response = client.post(
        url, payload, content_type="application/json", HTTP_AUTHORIZATION="Bearer qt_c"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_review"
    assert response.json()["answers"][0]["text"] == "<p>Wir schauen uns das an.</p>"


def test_bench_seed_fills_the_list(client, municipality, neighborhood):
    from quartier.participation.bench import BENCH_PAGES, seed_bench

    seed_bench(municipality, 30)
    assert Contribution.objects.of(municipality).count() == 30
    for label, path in BENCH_PAGES:
        if "login" in label:
            continue  # signed in: test_page_cost.py
        assert client.get(path.format(slug=municipality.slug)).status_code == 200

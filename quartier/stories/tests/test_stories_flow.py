"""The open story form with participation's double opt-in and spam checks, consent
to publish, the coordination's intake of paper and anonymous stories, moderation
and reports."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from quartier.participation.forms import new_started_token
from quartier.stories.models import Story
from quartier.stories.services import story_report
from quartier.stories.tests.factories import StoryFactory


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


def _url(municipality, name="stories:new", **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def _data(neighborhood, **extra):
    data = {
        "title": "Der Gesundheitskiosk hat mir geholfen",
        "text": "Ich wusste nicht, wo ich mit meinem Blutdruck hin soll. Im Kiosk "
        "hat mir Frau Yıldız alles erklärt.",
        "neighborhood": neighborhood.pk,
        "consent": "on",
        "started": new_started_token(),
        "website": "",
    }
    data.update(extra)
    return data


def _path_in(message):
    match = re.search(r"https?://\S+/confirm/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1]


def test_a_guest_story_waits_for_moderation_and_confirms_the_address(
    client, municipality, neighborhood
):
    data = _data(neighborhood, author_email="Erzaehlerin@Test.example")
    response = client.post(_url(municipality), data)
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.moderation == "pending" and story.consent_at is not None
    assert story.author_email == "erzaehlerin@test.example"
    assert client.get(story.get_absolute_url()).status_code == 404
    (message,) = mail.outbox
    path = "/" + _path_in(message)
    assert client.get(path).status_code == 200
    story.refresh_from_db()
    assert story.email_confirmed_at is None  # the page alone confirms nothing
    assert client.post(path).status_code == 302
    story.refresh_from_db()
    assert story.email_confirmed_at is not None
    assert story.notify_address == "erzaehlerin@test.example"


def test_a_contribution_token_does_not_confirm_a_story(
    client, municipality, neighborhood
):
    from quartier.participation.services import confirm_token

    story = StoryFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        author_email="a@test.example",
    )
    token = confirm_token("c", story.pk, "a@test.example")
    response = client.post(_url(municipality, "stories:confirm", token=token))
    assert response.status_code == 400
    story.refresh_from_db()
    assert story.email_confirmed_at is None


def test_consent_is_required_and_never_pre_ticked(client, municipality, neighborhood):
    page = client.get(_url(municipality)).content.decode()
    box = re.search(r'<input[^>]*name="consent"[^>]*>', page).group(0)
    assert "checked" not in box
    assert "publish" in page.lower() or "veröffentlicht" in page
    data = _data(neighborhood)
    del data["consent"]
    response = client.post(_url(municipality), data)
    assert response.status_code == 200
    assert not Story.objects.exists()


def test_the_honeypot_pretends_success_and_writes_nothing(
    client, municipality, neighborhood
):
    response = client.post(_url(municipality), _data(neighborhood, website="x"))
    assert response.status_code == 302
    assert not Story.objects.exists()


def test_a_replayed_form_is_refused(client, municipality, neighborhood):
    data = _data(neighborhood)
    assert client.post(_url(municipality), data).status_code == 302
    response = client.post(_url(municipality), data)
    assert response.status_code == 200
    assert Story.objects.count() == 1


def test_the_rate_limit_refuses_with_429(client, municipality, neighborhood, settings):
    settings.PARTICIPATION_RATE_LIMIT_IP = 1
    assert client.post(_url(municipality), _data(neighborhood)).status_code == 302
    response = client.post(_url(municipality), _data(neighborhood))
    assert response.status_code == 429
    assert Story.objects.count() == 1


def test_text_is_sanitised(client, municipality, neighborhood):
    data = _data(neighborhood, text="Hallo <script>alert(1)</script><b>Nachbarn</b>")
    client.post(_url(municipality), data)
    story = Story.objects.get()
    assert "<script" not in story.text and "Nachbarn" in story.text


def test_a_coordinator_enters_an_anonymous_paper_story_published_with_consent(
    client_for, coordinator, municipality, neighborhood
):
    client = client_for(coordinator)
    data = {
        "channel": "paper",
        "teller": "anonymous",
        "title": "Der Nachbarschaftsgarten",
        "text": "Seit dem Garten esse ich mehr Gemüse.",
        "neighborhood": neighborhood.pk,
        "author_name": "Soll nicht gespeichert werden",
        "consent": "on",
    }
    response = client.post(_url(municipality, "stories:intake"), data)
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.channel == "paper" and story.teller == "anonymous"
    assert story.author_name == "" and story.entered_by == coordinator
    assert story.is_public
    assert "anonym" in client_for(None).get(story.get_absolute_url()).content.decode()


def test_without_consent_a_paper_story_stays_internal(
    client_for, coordinator, municipality, neighborhood
):
    data = {
        "channel": "conversation",
        "teller": "person",
        "title": "Gespräch im Kiosk",
        "text": "Erzählt beim Blutdruckmessen.",
        "neighborhood": neighborhood.pk,
    }
    client = client_for(coordinator)
    assert client.post(_url(municipality, "stories:intake"), data).status_code == 302
    story = Story.objects.get()
    assert story.consent_at is None and not story.is_public
    client.post(
        _url(municipality, "stories:moderate", pk=story.pk), {"action": "approve"}
    )
    story.refresh_from_db()
    assert story.moderation == "pending"
    assert client_for(None).get(story.get_absolute_url()).status_code == 404


def test_residents_cannot_use_the_intake(client_for, resident, municipality):
    response = client_for(resident).get(_url(municipality, "stories:intake"))
    assert response.status_code == 403


def test_a_coordinator_publishes_from_the_queue(
    client_for, coordinator, municipality, neighborhood
):
    story = StoryFactory(
        municipality=municipality, neighborhood=neighborhood, moderation="pending"
    )
    client = client_for(coordinator)
    assert (
        story.title
        in client.get(_url(municipality, "stories:moderation")).content.decode()
    )
    client.post(
        _url(municipality, "stories:moderate", pk=story.pk), {"action": "approve"}
    )
    story.refresh_from_db()
    assert story.is_public


def test_reports_hide_a_story_by_weight(municipality, neighborhood, users):
    from django.contrib.auth.models import AnonymousUser

    story = StoryFactory(municipality=municipality, neighborhood=neighborhood)
    for key in ("a", "b", "c", "d", "e"):
        story_report(by=AnonymousUser(), story=story, reporter_key=key)
    story.refresh_from_db()
    assert not story.is_hidden  # five addresses weigh 5 < 6
    assert not mail.outbox
    story_report(by=AnonymousUser(), story=story, reporter_key="f")
    story.refresh_from_db()
    assert story.is_hidden
    (message,) = mail.outbox
    assert set(message.to) == {users["coordinator"].email, users["admin"].email}
    assert story.title in message.body


def test_a_reviewed_story_stays_visible_and_reports_mail_the_coordination(
    municipality, neighborhood, users
):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    story = StoryFactory(
        municipality=municipality, neighborhood=neighborhood, reviewed_at=timezone.now()
    )
    for key in "abcdefg":
        story_report(by=AnonymousUser(), story=story, reporter_key=key)
    story.refresh_from_db()
    assert not story.is_hidden
    assert len(mail.outbox) == 7


def test_the_list_shows_only_public_stories_and_filters_by_neighbourhood(
    client, municipality, neighborhood
):
    from quartier.core.tests.factories import NeighborhoodFactory

    other = NeighborhoodFactory(
        municipality=municipality, name="Altstadt-Ost", slug="altstadt-ost"
    )
    StoryFactory(
        municipality=municipality, neighborhood=neighborhood, title="Öffentlich hier"
    )
    StoryFactory(municipality=municipality, neighborhood=other, title="Öffentlich dort")
    StoryFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        title="Wartet noch",
        moderation="pending",
    )
    page = client.get(_url(municipality, "stories:list")).content.decode()
    assert "Öffentlich hier" in page and "Öffentlich dort" in page
    assert "Wartet noch" not in page
    page = client.get(
        _url(municipality, "stories:list"), {"neighborhood": "altstadt-ost"}
    ).content.decode()
    assert "Öffentlich dort" in page and "Öffentlich hier" not in page


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_costs_the_same_queries_with_more_stories(
    client, municipality, neighborhood, django_assert_max_num_queries, count
):
    StoryFactory.create_batch(
        count, municipality=municipality, neighborhood=neighborhood
    )
    client.get(_url(municipality, "stories:list"))  # warm caches (session, site)
    with django_assert_max_num_queries(8):
        assert client.get(_url(municipality, "stories:list")).status_code == 200


def test_a_story_shows_only_initiatives_the_viewer_may_see(
    client, municipality, neighborhood
):
    from quartier.initiatives.tests.factories import InitiativeFactory

    story = StoryFactory(municipality=municipality, neighborhood=neighborhood)
    public = InitiativeFactory(municipality=municipality, title="Offene Laufgruppe")
    internal = InitiativeFactory(
        municipality=municipality, title="Interne Planung", visibility="internal"
    )
    story.initiatives.set([public, internal])
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Offene Laufgruppe" in page and "Interne Planung" not in page


def _photo():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("garten.png", buffer.getvalue(), "image/png")


def test_a_photo_needs_a_text_saying_what_it_shows(
    client, municipality, neighborhood, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = _data(neighborhood, photo=_photo())
    response = client.post(_url(municipality), data)
    assert response.status_code == 200
    assert not Story.objects.exists()
    data = _data(
        neighborhood, photo=_photo(), photo_alt="Hochbeete hinter dem Parkhaus"
    )
    assert client.post(_url(municipality), data).status_code == 302
    story = Story.objects.get()
    assert story.photo and story.photo_alt == "Hochbeete hinter dem Parkhaus"
    story.moderation = "approved"
    story.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'alt="Hochbeete hinter dem Parkhaus"' in page

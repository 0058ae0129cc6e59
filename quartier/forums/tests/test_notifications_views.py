"""The notification settings page of a forum."""

import pytest
from django.urls import reverse

from quartier.forums.models import NotificationPreference
from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(municipality):
    return ForumFactory(
        municipality=municipality, name="Quartiersforum Sonnenberg", slug="sonnenberg"
    )


def url(forum):
    return reverse(
        "forums:notifications",
        kwargs={"municipality_slug": forum.municipality.slug, "slug": forum.slug},
    )


def test_the_page_shows_the_default_choice_of_a_forum_member(
    client_for, forum, resident
):
    ForumMemberFactory(forum=forum, user=resident)
    response = client_for(resident).get(url(forum))
    assert response.status_code == 200
    assert response.context["form"]["frequency"].value() == "immediately"
    assert "Quartiersforum Sonnenberg" in response.content.decode()


def test_a_member_saves_the_weekly_digest(client_for, forum, resident):
    response = client_for(resident).post(url(forum), {"frequency": "weekly"})
    assert response.status_code == 302
    assert response["Location"] == url(forum)
    preference = NotificationPreference.objects.get(user=resident, forum=forum)
    assert preference.frequency == "weekly"
    page = client_for(resident).get(url(forum))
    assert page.context["form"]["frequency"].value() == "weekly"


def test_an_unknown_choice_re_renders_with_a_message(client_for, forum, resident):
    response = client_for(resident).post(url(forum), {"frequency": "hourly"})
    assert response.status_code == 200
    assert response.context["form"].errors["frequency"]
    assert not NotificationPreference.objects.exists()


def test_guests_are_sent_to_the_login_and_cannot_post(client, forum):
    response = client.get(url(forum))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post(url(forum), {"frequency": "weekly"}).status_code == 403
    assert not NotificationPreference.objects.exists()


def test_another_municipalitys_admin_may_not_choose(client_for, forum, other_admin):
    response = client_for(other_admin).post(url(forum), {"frequency": "weekly"})
    assert response.status_code == 403
    assert not NotificationPreference.objects.exists()


def test_a_members_only_forum_is_404_for_a_resident_outside_it(
    client_for, municipality, resident
):
    hidden = ForumFactory(municipality=municipality, visibility="members")
    assert client_for(resident).get(url(hidden)).status_code == 404
    ForumMemberFactory(forum=hidden, user=resident)
    assert client_for(resident).get(url(hidden)).status_code == 200

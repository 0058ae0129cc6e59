"""Calendar feeds are linked where people look for dates: the municipality's home,
the forum list and every forum page (to subscribe via webcal:// or download)."""

import pytest
from django.urls import reverse

from quartier.forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


def test_home_and_forum_pages_link_their_calendar_feeds(client, municipality):
    forum = ForumFactory(municipality=municipality, name="Quartiersforum Altstadt")
    m = {"municipality_slug": municipality.slug}
    everything = reverse("forums:calendar", kwargs=m)
    forum_feed = reverse("forums:forum_calendar", kwargs={**m, "slug": forum.slug})
    pages = {
        municipality.get_absolute_url(): everything,
        reverse("forums:list", kwargs=m): everything,
        reverse("forums:detail", kwargs={**m, "slug": forum.slug}): forum_feed,
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert f'href="webcal://testserver{feed}"' in html, page
        assert f'href="{feed}"' in html, page

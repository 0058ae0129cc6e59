"""Text search on the list; what the coordination is told; plain topics for
residents and layers for the coordination; counts and plurals (issue 10)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quartier.participation.forms import new_started_token
from quartier.participation.models import Contribution, Topic
from quartier.participation.tests.factories import (
    CommentFactory,
    ContributionFactory,
)


def _url(municipality, name, **kwargs):
    return reverse(
        f"participation:{name}",
        kwargs={"municipality_slug": municipality.slug, **kwargs},
    )


def _titles(response):
    return {c.title for c in response.context["page"].object_list}


def test_search_finds_title_and_text_and_combines_with_filters(
    client, municipality, neighborhood
):
    ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        title="Schatten am Spielplatz",
        kind="idea",
    )
    ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        title="Bänke",
        text="Am Spielplatz fehlen Bänke im Schatten.",
        kind="concern",
    )
    ContributionFactory(
        municipality=municipality, neighborhood=neighborhood, title="Busse"
    )
    url = _url(municipality, "list")
    assert _titles(client.get(url, {"q": "spielplatz"})) == {
        "Schatten am Spielplatz",
        "Bänke",
    }
    assert _titles(client.get(url, {"q": "spielplatz", "kind": "concern"})) == {"Bänke"}
    assert _titles(client.get(url, {"q": "schatten bänke"})) == {"Bänke"}
    assert _titles(client.get(url, {"q": "nirgends"})) == set()


@pytest.mark.parametrize("count", [3, 30])
def test_search_needs_the_same_queries_for_few_and_many(
    client, municipality, neighborhood, count, django_assert_max_num_queries
):
    for i in range(count):
        ContributionFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            title=f"Spielplatz {i}",
        )
    with django_assert_max_num_queries(12):
        response = client.get(
            _url(municipality, "list"), {"q": "spielplatz", "kind": "idea"}
        )
    assert len(response.context["page"].object_list) == min(count, 20)


@pytest.mark.parametrize(
    "author_email, confirmed, informed",
    [
        ("", False, False),
        ("gast@test.example", False, False),
        ("gast@test.example", True, True),
    ],
)
def test_the_coordination_hears_whether_the_author_was_informed(
    client_for,
    municipality,
    neighborhood,
    coordinator,
    author_email,
    confirmed,
    informed,
):
    contribution = ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        author_email=author_email,
        email_confirmed_at=timezone.now() if confirmed else None,
    )
    response = client_for(coordinator).post(
        _url(municipality, "respond", pk=contribution.pk),
        {"status": "in_review", "answer": "Wir prüfen das."},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="de",
    )
    page = response.content.decode()
    assert ("Verfasser:in wurde informiert" in page) is informed
    assert len(mail.outbox) == (1 if informed else 0)


def test_residents_choose_plain_topics_and_the_coordination_tags_layers(
    client, client_for, settings, municipality, neighborhood, coordinator
):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    plain = Topic.objects.create(municipality=municipality, name="Busse", slug="busse")
    layer = Topic.objects.of(municipality).get(layer=4)
    form = client.get(_url(municipality, "new")).context["form"]
    assert list(form.fields["topics"].queryset) == [plain]
    data = {
        "kind": "idea",
        "title": "Ein Bus am Sonntag",
        "text": "Bitte auch sonntags.",
        "neighborhood": neighborhood.pk,
        "language": "de",
        "started": new_started_token(),
        "website": "",
        "topics": [plain.pk, layer.pk],  # a forged layer
    }
    response = client.post(_url(municipality, "new"), data)
    assert response.status_code == 200
    assert not Contribution.objects.exists()
    data["topics"] = [plain.pk]
    assert client.post(_url(municipality, "new"), data).status_code == 302
    contribution = Contribution.objects.get()

    staff = client_for(coordinator)
    response = staff.post(
        _url(municipality, "layers", pk=contribution.pk), {"layers": [layer.pk]}
    )
    assert response.status_code == 302
    assert set(contribution.topics.all()) == {plain, layer}
    # Plain topics cannot be set as layers.
    staff.post(_url(municipality, "layers", pk=contribution.pk), {"layers": [plain.pk]})
    assert set(contribution.topics.all()) == {plain, layer}


def test_moderation_counts_the_waiting_comments(
    client_for, municipality, neighborhood, coordinator
):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    for _ in range(5):
        CommentFactory(contribution=contribution, moderation="pending")
    page = (
        client_for(coordinator)
        .get(_url(municipality, "moderation"), HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "Kommentare, die auf Freigabe warten (5)" in page


def test_one_day_is_singular(client_for, municipality, coordinator):
    municipality.response_days = 1
    municipality.save()
    page = (
        client_for(coordinator)
        .get(_url(municipality, "moderation"), HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "mehr als 1 Tag)" in page

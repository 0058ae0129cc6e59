"""The read API of stories: only public ones, never the e-mail address."""

from quartier.stories.tests.factories import StoryFactory


def test_the_api_lists_only_public_stories_without_addresses(
    client, municipality, neighborhood
):
    StoryFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        title="Öffentlich",
        author_email="geheim@test.example",
    )
    hidden = StoryFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        title="Wartet",
        moderation="pending",
    )
    response = client.get(f"/api/v1/municipalities/{municipality.slug}/stories")
    assert response.status_code == 200
    body = response.content.decode()
    assert [row["title"] for row in response.json()["items"]] == ["Öffentlich"]
    assert "geheim@test.example" not in body
    detail = client.get(
        f"/api/v1/municipalities/{municipality.slug}/stories/{hidden.pk}"
    )
    assert detail.status_code == 404

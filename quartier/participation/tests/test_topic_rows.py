"""The rows of `Contribution.topics` carry the municipality key (issue 18): every
way the relation is written fills it — the related manager's `.set()`/`.add()`
(which writes through `bulk_create`), the services, and the topics app's bulk tag."""

import pytest
from django.db import IntegrityError, transaction

from quartier.participation import services
from quartier.participation.models import ContributionTopic, Topic
from quartier.participation.tests.factories import ContributionFactory


def _keys(contribution):
    return set(
        ContributionTopic.objects.filter(contribution=contribution).values_list(
            "municipality_id", flat=True
        )
    )


@pytest.mark.django_db
def test_the_related_manager_fills_the_key_without_being_told():
    contribution = ContributionFactory()
    topics = list(Topic.objects.of(contribution.municipality)[:3])
    contribution.topics.set(topics[:2])
    contribution.topics.add(topics[2])
    assert contribution.topics.count() == 3
    assert _keys(contribution) == {contribution.municipality_id}


@pytest.mark.django_db
def test_a_topic_is_stored_once_per_contribution():
    contribution = ContributionFactory()
    topic = Topic.objects.of(contribution.municipality).first()
    contribution.topics.add(topic)
    contribution.topics.add(topic)
    assert contribution.topics.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionTopic.objects.create(contribution=contribution, topic=topic)


@pytest.mark.django_db
def test_the_services_write_the_key(municipality, neighborhood, coordinator):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    layers = list(Topic.objects.of(municipality).layers()[:2])
    services.contribution_tag_layers(
        by=coordinator, contribution=contribution, layers=layers
    )
    assert set(contribution.topics.all()) == set(layers)
    assert _keys(contribution) == {municipality.id}

    created = services.contribution_create(
        by=coordinator,
        municipality=municipality,
        kind="idea",
        title="Schattige Bänke",
        text="Am Spielplatz fehlen Bänke im Schatten.",
        neighborhood=neighborhood,
        topics=layers[:1],
    )
    assert list(created.topics.all()) == layers[:1]
    assert _keys(created) == {municipality.id}


@pytest.mark.django_db
def test_the_topics_bulk_tag_writes_the_key():
    from quartier.topics.services import contributions_tag

    contribution = ContributionFactory()
    topic = Topic.objects.create(
        municipality=contribution.municipality, name="Hitze", slug="hitze"
    )
    assert contributions_tag(topic=topic, contribution_ids=[contribution.pk]) == 1
    assert list(contribution.topics.all()) == [topic]
    assert _keys(contribution) == {contribution.municipality_id}

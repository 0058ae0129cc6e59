"""Translations are named by (municipality, content type, object id), not by the
content type and id alone (core/tenancy.py: a distributed database keeps ids unique
per municipality only, e.g. after `import_municipality`). A row of another
municipality with the same content type and id is neither read nor overwritten."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.participation.tests.factories import ContributionFactory
from quartier.translations import services
from quartier.translations.models import ContentTranslation, TranslationRequest


@pytest.fixture
def contribution(municipality):
    return ContributionFactory(municipality=municipality, language="tr", title="Bank")


@pytest.fixture
def translator(municipality):
    user = UserFactory(email="uebersetzung@test.example")
    MembershipFactory(user=user, municipality=municipality, role="translator")
    return user


def _same_ids_elsewhere(obj, other_municipality, **fields):
    return {
        "municipality": other_municipality,
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
        "language": "de",
        **fields,
    }


@pytest.mark.django_db
def test_a_translation_leaves_the_same_id_of_another_municipality_alone(
    contribution, translator, other_municipality
):
    theirs = ContentTranslation.objects.create(
        **_same_ids_elsewhere(
            contribution, other_municipality, field="title", text="Fremd"
        )
    )
    services.translation_save(
        by=translator, obj=contribution, language="de", texts={"title": "Sitzbank"}
    )
    theirs.refresh_from_db()
    assert theirs.text == "Fremd"
    ours = ContentTranslation.objects.of_object(contribution).get()
    assert (ours.municipality, ours.text) == (contribution.municipality, "Sitzbank")


@pytest.mark.django_db
def test_a_request_is_not_taken_for_one_of_another_municipality(
    contribution, translator, other_municipality
):
    ContentTranslation.objects.create(
        **_same_ids_elsewhere(
            contribution, other_municipality, field="title", text="Fremd"
        )
    )
    TranslationRequest.objects.create(
        **_same_ids_elsewhere(contribution, other_municipality)
    )
    assert services.translation_request(by=translator, obj=contribution, language="de")
    assert (
        TranslationRequest.objects.open()
        .filter(municipality=contribution.municipality)
        .count()
        == 1
    )

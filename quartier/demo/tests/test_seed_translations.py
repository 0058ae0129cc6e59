"""The languages of the demo (issue 20): twenty contributions in Turkish, Arabic,
Ukrainian and Russian, ten with a German translation by the volunteer translator, the
Gesundheitskiosk's offerings in four languages, two coordinator's answers translated
into the writer's language; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.accounts.models import User
from quartier.core.models import Municipality
from quartier.directory.models import Service
from quartier.participation.models import Comment, Contribution
from quartier.translations.models import ContentTranslation

pytestmark = pytest.mark.django_db


def test_the_languages_demo_and_its_idempotent_second_run(demo_world, client):
    musterstadt = Municipality.objects.get(slug="musterstadt")
    translator = User.objects.get(email="uebersetzung@musterstadt.example")
    assert translator.role_in(musterstadt) == "translator"
    written = Contribution.objects.of(musterstadt).filter(
        language__in=["tr", "ar", "uk", "ru"], neighborhood__slug="bahnhofsviertel"
    )
    assert written.count() >= 20
    german = ContentTranslation.objects.filter(
        municipality=musterstadt,
        language="de",
        content_type__model="contribution",
        translator=translator,
    )
    assert german.values("object_id").distinct().count() == 10
    kiosk = Service.objects.filter(
        provider__name="Gesundheitskiosk Bahnhofsviertel"
    ).order_by("name")
    assert kiosk.count() == 2
    for service in kiosk:
        languages = set(
            ContentTranslation.objects.filter(object_id=str(service.pk)).values_list(
                "language", flat=True
            )
        )
        assert languages == {"tr", "ar", "uk", "ru"}
        assert {"de", "tr", "ar", "uk", "ru"} <= set(
            service.languages.values_list("code", flat=True)
        )
    one = Contribution.objects.get(pk=german.first().object_id)
    page = client.get(one.get_absolute_url(), {"lang": "de"}).content.decode()
    assert "Oksana Lysenko" in page
    # The coordinator's German answers, translated into the writer's language and
    # shown under the original on the contribution's page.
    answers = ContentTranslation.objects.filter(
        municipality=musterstadt, content_type__model="comment", translator=translator
    )
    assert sorted(answers.values_list("language", flat=True)) == ["ar", "tr"]
    for answer in answers:
        comment = Comment.objects.get(pk=answer.object_id)
        assert comment.contribution.language == answer.language
        page = client.get(comment.contribution.get_absolute_url()).content.decode()
        assert f'id="comment-{comment.pk}"' in page
        assert answer.text.split()[0] in page
    before = (
        ContentTranslation.objects.count(),
        Comment.objects.count(),
        Contribution.objects.count(),
        sorted(ContentTranslation.objects.values_list("updated_at", flat=True)),
    )
    call_command("seed_demo", stdout=StringIO())
    after = (
        ContentTranslation.objects.count(),
        Comment.objects.count(),
        Contribution.objects.count(),
        sorted(ContentTranslation.objects.values_list("updated_at", flat=True)),
    )
    assert after == before

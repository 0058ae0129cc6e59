"""Content translations: the workflow, who may translate, sanitising, the
"Übersetzung gewünscht" queue and the reader's switch (issue 20)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core import worklist
from quartier.participation.tests.factories import ContributionFactory
from quartier.stories.tests.factories import StoryFactory
from quartier.translations import services
from quartier.translations.models import ContentTranslation, TranslationRequest


@pytest.fixture
def translator(municipality):
    user = UserFactory(email="uebersetzung@test.example", display_name="Oksana T.")
    MembershipFactory(user=user, municipality=municipality, role="translator")
    return user


@pytest.fixture
def contribution(municipality):
    return ContributionFactory(
        municipality=municipality,
        language="tr",
        title="Parkta daha fazla bank",
        text="Yaşlılar gölgede dinlenmek istiyor.",
    )


def _edit_url(obj, language, kind="participation.contribution"):
    return reverse(
        "translations:edit",
        kwargs={
            "municipality_slug": obj.municipality.slug,
            "kind": kind,
            "pk": obj.pk,
            "language": language,
        },
    )


def _request_url(obj, kind="participation.contribution"):
    return reverse(
        "translations:request",
        kwargs={"municipality_slug": obj.municipality.slug, "kind": kind, "pk": obj.pk},
    )


@pytest.mark.django_db
def test_a_translator_translates_and_readers_switch_to_it(
    client, translator, contribution
):
    client.force_login(translator)
    response = client.post(
        _edit_url(contribution, "de"),
        {"title": "Mehr Bänke im Park", "text": "Ältere Menschen möchten im Schatten"},
    )
    assert response.status_code == 302
    assert "?lang=de" in response["Location"]
    rows = ContentTranslation.objects.filter(object_id=contribution.pk, language="de")
    assert {r.field: r.text for r in rows} == {
        "title": "Mehr Bänke im Park",
        "text": "Ältere Menschen möchten im Schatten",
    }
    assert {r.translator for r in rows} == {translator}
    client.logout()
    page = contribution.get_absolute_url()
    original = client.get(page).content.decode()
    # The original is shown with its language, the translation is one link away.
    assert "Yaşlılar gölgede" in original
    assert 'lang="tr">Türkçe</span>' in original
    assert f'href="{page}?lang=de#q-translation"' in original
    assert "Ältere Menschen möchten im Schatten" not in original
    chosen = client.get(page, {"lang": "de"}).content.decode()
    assert "Yaşlılar gölgede" in chosen  # the original stays
    assert "Ältere Menschen möchten im Schatten" in chosen
    assert "übersetzt von Oksana T." in chosen


@pytest.mark.django_db
def test_a_resident_cannot_translate_and_another_municipality_sees_nothing(
    client, resident, other_admin, contribution
):
    with pytest.raises(PermissionDenied):
        services.translation_save(
            by=resident, obj=contribution, language="de", texts={"title": "x"}
        )
    client.force_login(resident)
    response = client.post(_edit_url(contribution, "de"), {"title": "x"})
    assert response.status_code == 403
    client.force_login(other_admin)
    assert client.get(_edit_url(contribution, "de")).status_code == 403
    assert not ContentTranslation.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_translates_but_not_into_the_original_language(
    coordinator, contribution
):
    with pytest.raises(ValidationError):
        services.translation_save(
            by=coordinator, obj=contribution, language="tr", texts={"title": "x"}
        )
    services.translation_save(
        by=coordinator, obj=contribution, language="en", texts={"title": "More benches"}
    )
    assert ContentTranslation.objects.get().text == "More benches"


@pytest.mark.django_db
def test_rich_text_is_sanitised_like_the_original(translator, municipality):
    story = StoryFactory(municipality=municipality)
    services.translation_save(
        by=translator,
        obj=story,
        language="ar",
        texts={
            "title": "<b>عنوان</b>",
            "text": '<p onclick="x()">نص</p><script>alert(1)</script>',
        },
    )
    rows = {r.field: r.text for r in ContentTranslation.objects.all()}
    assert rows["text"] == "<p>نص</p>"
    # A plain field stays plain text: escaped when shown, never markup.
    assert rows["title"] == "<b>عنوان</b>"


@pytest.mark.django_db
def test_the_wish_queue_per_language_and_saving_closes_the_wish(
    client, resident, translator, coordinator, contribution
):
    client.force_login(resident)
    response = client.post(
        _request_url(contribution),
        {"language": "de", "next": contribution.get_absolute_url()},
    )
    assert response.status_code == 302
    client.post(_request_url(contribution), {"language": "de"})  # twice: one wish
    client.post(_request_url(contribution), {"language": "uk"})
    assert TranslationRequest.objects.open().count() == 2
    queue = reverse(
        "translations:queue",
        kwargs={"municipality_slug": contribution.municipality.slug},
    )
    assert client.get(queue).status_code == 403  # residents do not see the queue
    client.force_login(translator)
    html = client.get(queue, {"language": "uk"}).content.decode()
    assert _edit_url(contribution, "uk") in html
    assert _edit_url(contribution, "de") not in html
    filled = worklist.fill(coordinator, contribution.municipality, worklist.WORK)
    (queue_entry,) = [f for f in filled if f.queue.key == "translations.requested"]
    assert queue_entry.count == 2
    services.translation_save(
        by=translator, obj=contribution, language="de", texts={"title": "Bänke"}
    )
    assert list(
        TranslationRequest.objects.open().values_list("language", flat=True)
    ) == ["uk"]


@pytest.mark.django_db
def test_guests_cannot_ask_and_hidden_content_cannot_be_asked_for(
    client, resident, municipality
):
    hidden = ContributionFactory(municipality=municipality, moderation="rejected")
    response = client.post(_request_url(hidden), {"language": "de"})
    assert response.status_code in (302, 403)
    assert not TranslationRequest.objects.exists()
    client.force_login(UserFactory())
    assert client.post(_request_url(hidden), {"language": "de"}).status_code == 404
    assert not TranslationRequest.objects.exists()

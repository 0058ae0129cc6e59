"""The interface language: the switch, Accept-Language, the stored preference, the
guests' page cache keyed on the language (issue 20)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.core.languages import accepted_language

NATIVE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
}


def test_six_languages_each_named_in_itself():
    assert dict(settings.LANGUAGES) == NATIVE_NAMES


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("tr-TR,tr;q=0.9,en;q=0.5", "tr"),
        ("fr-FR,fr;q=0.9", None),
        ("fr;q=0.9,ar;q=0.8", "ar"),
        ("en;q=0.1,uk;q=0.7", "uk"),
        ("ru;q=0,de", "de"),
        ("*", None),
        ("", None),
        ("tr;q=abc,ru", "ru"),
    ],
)
def test_accept_language_picks_the_best_supported_language(header, expected):
    assert accepted_language(header) == expected


@pytest.mark.django_db
def test_the_switch_is_a_form_on_every_page_with_each_name_in_its_own_language(
    client, municipality
):
    for url in ("/", municipality.get_absolute_url()):
        html = client.get(url).content.decode()
        form = re.search(r'<form method="get" action="/i18n/".*?</form>', html, re.S)
        assert form, url
        for code, name in NATIVE_NAMES.items():
            assert f'<option value="{code}" lang="{code}"' in form.group(0)
            assert name in form.group(0)


@pytest.mark.django_db
def test_the_switch_form_sets_the_cookie_and_returns_to_the_page(client, municipality):
    page = municipality.get_absolute_url()
    response = client.get(reverse("language_switch"), {"language": "ar", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    html = client.get(page).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    response = client.get(reverse("language_switch"), {"language": "xx"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_signed_in_persons_choice_is_stored_and_follows_them(client, municipality):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("language_switch"), {"language": "uk"})
    user.refresh_from_db()
    assert user.preferred_language == "uk"
    # Another device: no cookie, a German browser — the stored language wins.
    other = client.__class__()
    other.force_login(user)
    response = other.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "uk"
    assert '<html lang="uk" dir="ltr"' in response.content.decode()


@pytest.mark.django_db
def test_the_preferred_language_is_editable_in_my_account(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:me"), {"display_name": "A", "preferred_language": "tr"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "tr"
    response = client.post(
        reverse("accounts:me"), {"display_name": "A", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == "tr"


@pytest.mark.django_db
@override_settings(ANON_CACHE_SECONDS=30)
def test_the_guest_page_cache_keeps_one_page_per_language(client, municipality):
    cache.clear()
    url = municipality.get_absolute_url()
    turkish = client.get(url, HTTP_ACCEPT_LANGUAGE="tr-TR,tr")
    assert '<html lang="tr"' in turkish.content.decode()
    vary = turkish["Vary"]
    assert "Accept-Language" in vary
    assert "Cookie" in vary
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE")
    assert '<html lang="de"' in german.content.decode()
    # Both are now stored: each comes back in its own language, no mix-up.
    again_tr = client.get(url, HTTP_ACCEPT_LANGUAGE="tr")
    again_de = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert '<html lang="tr"' in again_tr.content.decode()
    assert '<html lang="de"' in again_de.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="tr")
    assert '<html lang="ar" dir="rtl"' in arabic.content.decode()

"""Translated comments on the contribution page (issue 20, docs/languages.md).

Every comment with translations shows them under its original, marked
"Übersetzung" with who translated it, in a <details> (no JavaScript) that is open
for `?lang=xx` or the reader's interface language; coordinators and translators
translate a comment from there, residents cannot, and nobody translates a comment
of another municipality. The translations of all the page's comments come in one
query: the page costs as many queries with 20 translated comments as with one.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.participation.tests.factories import (
    CommentFactory,
    ContributionFactory,
)
from quartier.translations import services
from quartier.translations.models import ContentTranslation

pytestmark = pytest.mark.django_db

KIND = "participation.comment"


@pytest.fixture
def translator(municipality):
    user = UserFactory(email="uebersetzung@test.example", display_name="Oksana T.")
    MembershipFactory(user=user, municipality=municipality, role="translator")
    return user


@pytest.fixture
def comment(municipality):
    contribution = ContributionFactory(municipality=municipality, language="tr")
    return CommentFactory(contribution=contribution, text="Çok iyi bir fikir!")


def _edit_url(comment, language):
    return reverse(
        "translations:edit",
        kwargs={
            "municipality_slug": comment.municipality.slug,
            "kind": KIND,
            "pk": comment.pk,
            "language": language,
        },
    )


def _translate(by, comment, language, text):
    services.translation_save(
        by=by, obj=comment, language=language, texts={"text": text}
    )


def test_a_translator_translates_a_comment_from_the_contribution_page(
    client, translator, comment
):
    client.force_login(translator)
    page = comment.contribution.get_absolute_url()
    html = client.get(page).content.decode()
    assert f'href="{_edit_url(comment, "ar")}"' in html
    assert client.get(_edit_url(comment, "ar")).status_code == 200
    response = client.post(_edit_url(comment, "ar"), {"text": "فكرة جيدة جدا!"})
    assert response.status_code == 302
    assert response["Location"] == f"{page}?lang=ar#comment-{comment.pk}"
    row = ContentTranslation.objects.get(object_id=str(comment.pk), language="ar")
    assert (row.field, row.text, row.translator) == (
        "text",
        "فكرة جيدة جدا!",
        translator,
    )
    client.logout()
    shown = client.get(page, {"lang": "ar"}).content.decode()
    assert "Çok iyi bir fikir!" in shown  # the original stays
    assert "فكرة جيدة جدا!" in shown
    assert f'id="q-translation-comment-{comment.pk}-ar" open' in shown
    assert "<strong>Übersetzung</strong>" in shown
    assert "übersetzt von Oksana T." in shown
    # Without ?lang the translation is there, folded, one click away.
    folded = client.get(page).content.decode()
    assert f'id="q-translation-comment-{comment.pk}-ar">' in folded
    assert "Übersetzen" not in folded  # guests do not translate


def test_the_reader_s_interface_language_opens_its_translation(
    client, translator, comment
):
    _translate(translator, comment, "uk", "Дуже гарна ідея!")
    _translate(translator, comment, "de", "Eine sehr gute Idee!")
    page = comment.contribution.get_absolute_url()
    client.cookies["django_language"] = "uk"
    html = client.get(page).content.decode()
    assert f'id="q-translation-comment-{comment.pk}-uk" open' in html
    assert f'id="q-translation-comment-{comment.pk}-de">' in html
    assert "Дуже гарна ідея!" in html and "Eine sehr gute Idee!" in html


def test_residents_cannot_and_other_municipalities_cannot_translate_comments(
    client, resident, other_admin, comment
):
    client.force_login(resident)
    page = comment.contribution.get_absolute_url()
    assert _edit_url(comment, "de") not in client.get(page).content.decode()
    assert client.post(_edit_url(comment, "de"), {"text": "x"}).status_code == 403
    client.force_login(other_admin)
    assert client.post(_edit_url(comment, "de"), {"text": "x"}).status_code in (
        403,
        404,
    )
    assert not ContentTranslation.objects.exists()


def _queries(client, url):
    cache.clear()  # the guests' page cache would answer without queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"lang": "de"})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("reader", ["guest", "translator"])
def test_the_page_costs_the_same_with_one_and_with_twenty_translated_comments(
    client, municipality, translator, reader
):
    pages = {}
    for count in (1, 20):
        contribution = ContributionFactory(municipality=municipality)
        for number in range(count):
            comment = CommentFactory(
                contribution=contribution,
                text=f"Kommentar {number}",
                author=UserFactory(display_name=f"Person {number}"),
            )
            _translate(translator, comment, "de", f"Übersetzt {count}/{number}")
        pages[count] = contribution.get_absolute_url()
    if reader == "translator":
        client.force_login(translator)
    _queries(client, pages[1])  # warm the per-process caches (content types)
    one_html, one = _queries(client, pages[1])
    twenty_html, twenty = _queries(client, pages[20])
    assert "Übersetzt 1/0" in one_html
    assert all(f"Übersetzt 20/{n}" in twenty_html for n in range(20))
    assert twenty == one, f"{one} queries with 1 translated comment, {twenty} with 20"

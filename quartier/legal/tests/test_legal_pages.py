"""Legal pages: the fallback chain, the admin's form, sanitising, one page per kind."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.legal.models import ANCHORS, LegalPage

pytestmark = pytest.mark.django_db

KINDS = ("imprint", "privacy", "accessibility")


def tenant_url(municipality, name):
    return reverse(name, kwargs={"municipality_slug": municipality.slug})


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_falls_back_to_the_operator_then_to_the_template(
    client, municipality, other_municipality, kind
):
    url = tenant_url(municipality, f"legal:{kind}")
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "keine Rechtsberatung" in html
    assert f'href="{url}edit/"' not in html  # guests get no edit link
    assert "[Name der Kommune]" in html

    LegalPage.objects.create(municipality=None, kind=kind, body="<p>Betreiber-Text</p>")
    html = client.get(url).content.decode()
    assert "Betreiber-Text" in html
    assert "[Name der Kommune]" not in html
    assert "Betreiber-Text" in client.get(reverse(f"legal_{kind}")).content.decode()

    LegalPage.objects.create(
        municipality=municipality, kind=kind, body="<p>Text der Kommune</p>"
    )
    html = client.get(url).content.decode()
    assert "Text der Kommune" in html
    assert "Betreiber-Text" not in html
    # Another municipality and the operator's own page still show the default.
    other = client.get(tenant_url(other_municipality, f"legal:{kind}")).content
    assert "Betreiber-Text" in other.decode()
    assert (
        "Text der Kommune" not in client.get(reverse(f"legal_{kind}")).content.decode()
    )


def test_the_privacy_template_has_an_anchor_per_module_and_the_required_parts(client):
    html = client.get(reverse("legal_privacy")).content.decode()
    for anchor in ANCHORS:
        assert f'id="{anchor}"' in html
    for part in (
        "Verantwortliche Stelle",
        "[Datenschutzbeauftragte:r",
        "Rechtsgrundlage",
        "Empfänger",
        "Speicherdauer",
        "Ihre Rechte",
        "Landesbeauftragte",
    ):
        assert part in html
    imprint = client.get(reverse("legal_imprint")).content.decode()
    assert "§ 5" in imprint and "[Anschrift" in imprint
    accessibility = client.get(reverse("legal_accessibility")).content.decode()
    for part in (
        "Stand der Vereinbarkeit",
        "Schlichtungsstelle",
        "Überprüfung",
        "Feedback",
        "Leichter Sprache",
        "Gebärdensprache",
    ):
        assert part.lower() in accessibility.lower()


def test_the_admin_edits_from_the_prefilled_template_and_the_body_is_sanitised(
    client, municipality, admin_user
):
    client.force_login(admin_user)
    url = tenant_url(municipality, "legal:privacy_edit")
    page_html = client.get(tenant_url(municipality, "legal:privacy")).content.decode()
    assert f'href="{url}"' in page_html
    form_html = client.get(url).content.decode()
    assert "[Datenschutzbeauftragte:r" in form_html
    body = (
        '<h2 id="rooms">Räume</h2><h2 id="main">Fremd</h2>'
        '<p onclick="x()">Text<script>alert(1)</script></p>'
    )
    response = client.post(url, {"body": body})
    assert response.status_code == 302
    page = LegalPage.objects.get(municipality=municipality, kind="privacy")
    assert '<h2 id="rooms">' in page.body
    assert 'id="main"' not in page.body
    assert "script" not in page.body and "onclick" not in page.body
    assert AuditEntry.objects.filter(
        municipality=municipality, action="legal.change_legalpage"
    ).exists()

    client.post(url, {"body": "<p>Zweite Fassung</p>"})
    page.refresh_from_db()
    assert page.body == "<p>Zweite Fassung</p>"
    assert page.history.count() == 2
    assert page.history.first().history_user == admin_user
    assert LegalPage.objects.filter(municipality=municipality).count() == 1


def test_an_empty_text_is_refused_in_german_next_to_the_field(
    client, municipality, admin_user
):
    client.force_login(admin_user)
    url = tenant_url(municipality, "legal:imprint_edit")
    response = client.post(
        url, {"body": "<script>x</script>"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    assert "Bitte geben Sie den Text der Seite ein." in response.content.decode()
    assert not LegalPage.objects.exists()


def test_the_operator_default_is_edited_in_djangos_admin(client, django_user_model):
    operator = django_user_model.objects.create_superuser(
        email="betrieb@example.org", password="x-secret-pass-123"
    )
    client.force_login(operator)
    response = client.post(
        reverse("admin:legal_legalpage_add"),
        {"kind": "imprint", "body": "<p>Betrieb GmbH</p><script>x</script>"},
    )
    assert response.status_code == 302
    page = LegalPage.objects.get(municipality=None, kind="imprint")
    assert page.body == "<p>Betrieb GmbH</p>"


@pytest.mark.parametrize("with_municipality", [True, False])
def test_one_page_per_kind_and_owner(municipality, with_municipality):
    owner = municipality if with_municipality else None
    LegalPage.objects.create(municipality=owner, kind="imprint", body="<p>a</p>")
    with pytest.raises(IntegrityError), transaction.atomic():
        LegalPage.objects.create(municipality=owner, kind="imprint", body="<p>b</p>")


BINDING = "The text of this page is in German; the German version is binding."


@pytest.mark.parametrize("kind", KINDS)
def test_another_language_reads_the_template_translated_and_a_saved_page_as_german(
    client, municipality, settings, kind
):
    from quartier.legal.default_texts import en

    url = tenant_url(municipality, f"legal:{kind}")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url).content.decode()
    assert getattr(en, kind.upper()).strip()[:80] in html
    assert "[Name der Kommune]" not in html
    assert BINDING not in html
    LegalPage.objects.create(
        municipality=municipality, kind=kind, body="<p>Text der Kommune</p>"
    )
    html = client.get(url).content.decode()
    assert 'lang="de"><p>Text der Kommune</p>' in html
    assert BINDING in html

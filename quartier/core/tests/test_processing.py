"""The registry of processing activities (core/processing.py) and what is built
from it: the privacy notice's per-module sections and the records of processing
(Art. 30 DSGVO) with their CSV and PDF downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quartier.core import processing, retention
from quartier.core.models import AuditEntry, RetentionSetting
from quartier.core.tests.test_pdf import assert_tagged
from quartier.legal.models import ANCHORS, LegalPage

pytestmark = pytest.mark.django_db


def url(municipality, name):
    return reverse(name, kwargs={"municipality_slug": municipality.slug})


def test_every_activity_is_complete_and_names_existing_retention_rules(
    municipality,
):
    activities = processing.all_activities()
    assert len(activities) >= 12
    for activity in activities:
        for part in ("module", "name", "purpose", "legal_basis"):
            assert str(getattr(activity, part)).strip(), f"{activity.key}: {part}"
        for part in ("subjects", "data", "recipients"):
            assert getattr(activity, part), f"{activity.key}: {part}"
        assert activity.retention or activity.retention_note, activity.key
        for key in activity.retention:
            assert key in retention.RULES, f"{activity.key}: unknown rule {key}"
        assert activity.in_use(municipality) in (True, False)


def test_every_retention_rule_belongs_to_an_activity():
    # So the privacy notice states every period the platform applies.
    named = {key for a in processing.all_activities() for key in a.retention}
    assert set(retention.RULES) - named == set()


def test_every_module_anchor_of_the_privacy_notice_has_an_activity():
    anchors = {a.anchor for a in processing.all_activities()}
    assert ANCHORS - anchors == set()


def test_in_use_follows_the_data_of_the_municipality(municipality, other_municipality):
    from quartier.participation.tests.factories import ContributionFactory

    activity = processing.get("participation.contribution")
    assert not activity.in_use(municipality)
    ContributionFactory(municipality=other_municipality)
    assert not activity.in_use(municipality)
    ContributionFactory(municipality=municipality)
    assert activity.in_use(municipality)
    assert activity in processing.in_use(municipality)


def test_the_privacy_notice_shows_the_sections_with_the_current_periods(
    client, municipality
):
    page = url(municipality, "legal:privacy")
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Die Verarbeitungen im Einzelnen" in html
    for activity in processing.all_activities():
        assert html.count(f'id="{activity.anchor}"') == 1, activity.anchor
    assert "nach 30 Tagen" in html  # participation.unconfirmed_email, the default

    RetentionSetting.objects.create(
        municipality=municipality, key="participation.unconfirmed_email", days=14
    )
    html = client.get(page).content.decode()
    assert "nach 14 Tagen" in html


def test_an_edited_notice_keeps_each_anchor_once(client, municipality):
    LegalPage.objects.create(
        municipality=municipality,
        kind="privacy",
        body='<h3 id="participation">Beteiligung</h3><p>Eigener Text.</p>',
    )
    html = client.get(url(municipality, "legal:privacy")).content.decode()
    assert "Eigener Text." in html
    assert html.count('id="participation"') == 1
    # The anchor leads to the generated section.
    generated = html.index("Die Verarbeitungen im Einzelnen")
    assert html.index('id="participation"') > generated


def test_the_records_list_the_activities_in_use_with_controller_and_officer(
    client_for, municipality, admin_user
):
    from quartier.participation.tests.factories import ContributionFactory

    ContributionFactory(municipality=municipality)
    client = client_for(admin_user)
    html = client.get(url(municipality, "legal:records_of_processing")).content
    html = html.decode()
    assert "Verzeichnis der Verarbeitungstätigkeiten" in html
    assert "Beiträge mit oder ohne Konto" in html
    # Nothing booked yet: the bookings are listed as not in use.
    not_in_use = html.index("Hier nicht in Gebrauch")
    assert html.index("Raumbuchungen") > not_in_use
    assert "(zu ergänzen)" in html  # the template's controller is still „[…]“

    LegalPage.objects.create(
        municipality=municipality,
        kind="privacy",
        body=(
            "<h2>Verantwortliche Stelle</h2><p>Stadt Musterstadt, Rathausplatz 1</p>"
            "<h2>Datenschutzbeauftragte:r</h2><p>Frau Beispiel, dsb@test.example</p>"
        ),
    )
    html = client.get(url(municipality, "legal:records_of_processing")).content
    html = html.decode()
    assert "Stadt Musterstadt, Rathausplatz 1" in html
    assert "dsb@test.example" in html
    assert "(zu ergänzen)" not in html


def test_the_csv_has_a_row_per_activity_in_use_and_is_audited(
    client_for, municipality, admin_user
):
    from quartier.participation.tests.factories import ContributionFactory

    ContributionFactory(municipality=municipality)
    response = client_for(admin_user).get(
        url(municipality, "legal:records_of_processing_csv")
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    header = lines[0].split(";")
    assert "Zweck" in header and "Speicherdauer" in header
    rows = {line.split(";")[0] for line in lines[1:]}
    expected = {str(a.name) for a in processing.in_use(municipality)}
    assert rows == expected
    assert "Beiträge mit oder ohne Konto" in rows
    assert "30 Tage" in text
    assert AuditEntry.objects.filter(
        municipality=municipality,
        action="core.export_processing_records",
        user=admin_user,
    ).exists()


def test_the_pdf_is_tagged_and_audited(client_for, municipality, admin_user):
    response = client_for(admin_user).get(
        url(municipality, "legal:records_of_processing_pdf")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    tags = [tag for tag, _alt in assert_tagged(response.content)]
    assert "/H2" in tags
    assert AuditEntry.objects.filter(
        municipality=municipality, action="core.export_processing_records"
    ).exists()


def test_only_the_admin_of_the_municipality_sees_the_records(
    client_for, municipality, resident, coordinator, other_admin
):
    for user in (coordinator, resident, other_admin):
        for name in ("", "_csv", "_pdf"):
            response = client_for(user).get(
                url(municipality, f"legal:records_of_processing{name}")
            )
            assert response.status_code == 403
    assert not AuditEntry.objects.filter(
        action="core.export_processing_records"
    ).exists()


def test_the_admin_finds_the_records_on_the_privacy_notice(
    client_for, municipality, admin_user, coordinator
):
    page = url(municipality, "legal:privacy")
    records = url(municipality, "legal:records_of_processing")
    assert f'href="{records}"' in client_for(admin_user).get(page).content.decode()
    for user in (None, coordinator):
        assert f'href="{records}"' not in client_for(user).get(page).content.decode()

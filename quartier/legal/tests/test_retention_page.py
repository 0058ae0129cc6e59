"""The admin's page of retention periods: every rule of the registry
(core/retention.py) with its default and current period, changed within the rule's
limits, audited; the accessibility feedback's own rule."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.core.models import AuditEntry, RetentionSetting
from quartier.core.retention import RULES, apply_rule, days_for
from quartier.legal.forms import retention_field_name
from quartier.legal.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def url(municipality):
    return reverse("legal:retention", kwargs={"municipality_slug": municipality.slug})


def current_values(municipality):
    return {
        retention_field_name(key): str(days_for(rule, municipality))
        for key, rule in RULES.items()
    }


def test_every_rule_is_listed_with_default_and_current_period(
    client_for, municipality, admin_user
):
    RetentionSetting.objects.create(
        municipality=municipality, key="core.audit_entry", days=200
    )
    html = client_for(admin_user).get(url(municipality), **DE).content.decode()
    for key, rule in RULES.items():
        assert f'data-rule="{key}"' in html
        assert f'name="{retention_field_name(key)}"' in html
        assert f"Standard: {rule.default_days}; erlaubt: {rule.min_days} bis" in html
    assert 'name="core__audit_entry" value="200"' in html


def test_the_admin_finds_the_page_on_the_privacy_notice(
    client_for, municipality, admin_user, coordinator
):
    privacy = reverse("legal:privacy", kwargs={"municipality_slug": "musterstadt"})
    assert f'href="{url(municipality)}"' in (
        client_for(admin_user).get(privacy).content.decode()
    )
    assert f'href="{url(municipality)}"' not in (
        client_for(coordinator).get(privacy).content.decode()
    )


def test_the_admin_changes_a_period_within_the_limits_and_it_is_audited(
    client_for, municipality, other_municipality, admin_user
):
    data = current_values(municipality)
    data["legal__feedback_contact"] = "90"
    response = client_for(admin_user).post(url(municipality), data)
    assert response.status_code == 302
    setting = RetentionSetting.objects.get(municipality=municipality)
    assert (setting.key, setting.days) == ("legal.feedback_contact", 90)
    assert not RetentionSetting.objects.filter(municipality=other_municipality)
    entry = AuditEntry.objects.get(
        municipality=municipality, action="legal.change_retentionsetting"
    )
    assert entry.target == "legal.feedback_contact: 365 → 90"

    # Back to the default: the own setting goes, so a later default applies.
    data["legal__feedback_contact"] = "365"
    client_for(admin_user).post(url(municipality), data)
    assert not RetentionSetting.objects.filter(municipality=municipality).exists()


def test_a_period_outside_the_limits_is_refused_in_german_next_to_the_field(
    client_for, municipality, admin_user
):
    rule = RULES["core.audit_entry"]
    data = current_values(municipality)
    data["core__audit_entry"] = str(rule.max_days + 1)
    data["legal__feedback_contact"] = "abc"
    response = client_for(admin_user).post(url(municipality), data, **DE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"zwischen {rule.min_days} und {rule.max_days} Tagen" in html
    assert 'id="id_core__audit_entry_error"' in html
    assert 'id="id_legal__feedback_contact_error"' in html
    assert f'value="{rule.max_days + 1}"' in html  # what was typed stays
    assert not RetentionSetting.objects.exists()
    assert not AuditEntry.objects.filter(action="legal.change_retentionsetting")


def test_the_service_refuses_what_the_form_would_not_send(municipality, admin_user):
    from django.core.exceptions import ValidationError

    from quartier.legal.services import retention_periods_set

    with pytest.raises(ValidationError):
        retention_periods_set(
            by=admin_user, municipality=municipality, periods={"no.such_rule": 10}
        )
    with pytest.raises(ValidationError):
        retention_periods_set(
            by=admin_user, municipality=municipality, periods={"core.audit_entry": 1}
        )
    assert not RetentionSetting.objects.exists()


def test_feedback_contact_data_is_blanked_a_period_after_the_answer(municipality):
    now = timezone.now()
    rule = RULES["legal.feedback_contact"]

    def answered(days_ago, **values):
        when = now - datetime.timedelta(days=days_ago)
        return AccessibilityFeedback.objects.create(
            municipality=municipality,
            text="Kontrast",
            name="Erika",
            email="erika@test.example",
            due_on=when.date(),
            status="answered",
            answered_at=when,
            answer="Behoben",
            **values,
        )

    old = answered(rule.default_days + 1)
    recent = answered(rule.default_days - 1)
    still_open = AccessibilityFeedback.objects.create(
        municipality=municipality,
        text="Offen",
        email="offen@test.example",
        due_on=now.date(),
        received_at=now - datetime.timedelta(days=900),
    )
    assert apply_rule(rule, municipality, now=now) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert (old.name, old.email) == ("", "")
    assert old.text == "Kontrast" and old.answer == "Behoben"  # the matter stays
    assert recent.email == "erika@test.example"
    assert still_open.email == "offen@test.example"  # never before the answer

"""Retention and deletion (core/retention.py): every registered rule deletes or
anonymises what is past its period and nothing newer, nothing of another
municipality; `quartier apply_retention` records counts, `--dry-run` changes nothing.

Time is frozen by passing a fixed `now` to the service and dating rows with
queryset updates (auto_now fields are not touched by update())."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from quartier.core.models import AuditEntry, RetentionSetting
from quartier.core.retention import ANONYMISE, RULES, apply_all, apply_rule, days_for

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def _aged(obj: Any, **dates: datetime.datetime) -> Any:
    obj._meta.model._default_manager.filter(pk=obj.pk).update(**dates)
    return obj


def _guest_email(municipality, when):
    from quartier.participation.tests.factories import ContributionFactory

    row = ContributionFactory(
        municipality=municipality, author_email="gast@test.example"
    )
    return _aged(row, created_at=when)


def _unconfirmed_support(municipality, when):
    from quartier.participation.tests.factories import (
        ContributionFactory,
        SupportFactory,
    )

    row = SupportFactory(
        contribution=ContributionFactory(municipality=municipality),
        confirmed_at=None,
    )
    return _aged(row, created_at=when)


def _story_guest_email(municipality, when):
    from quartier.stories.tests.factories import StoryFactory

    row = StoryFactory(municipality=municipality, author_email="gast@test.example")
    return _aged(row, created_at=when)


def _rejected_story(municipality, when):
    from quartier.stories.tests.factories import StoryFactory

    row = StoryFactory(
        municipality=municipality, moderation="rejected", consent_at=None
    )
    return _aged(row, updated_at=when)


def _rejected_contribution(municipality, when):
    from quartier.participation.tests.factories import ContributionFactory

    row = ContributionFactory(municipality=municipality, moderation="rejected")
    return _aged(row, updated_at=when)


def _closed_application(municipality, when):
    from quartier.funds.tests.factories import (
        ApplicationFactory,
        CallFactory,
        FundFactory,
    )

    call = CallFactory(fund=FundFactory(municipality=municipality))
    row = ApplicationFactory(call=call, status="withdrawn")
    return _aged(row, decided_at=when)


def _receipt_past_guideline(municipality, when):
    from django.core.files.base import ContentFile

    from quartier.funds.models import GrantReport, Receipt
    from quartier.funds.retention import _years_before
    from quartier.funds.tests.factories import (
        ApplicationFactory,
        CallFactory,
        FundFactory,
    )

    fund = FundFactory(municipality=municipality, proof_retention_years=10)
    application = ApplicationFactory(call=CallFactory(fund=fund), status="closed")
    report = GrantReport.objects.create(
        application=application, what_happened="Fest", participants=5, receipts_total=1
    )
    _aged(report, submitted_at=_years_before(when, 10))
    receipt = Receipt(
        application=application, paid_on=when.date(), purpose="Brot", amount=1
    )
    receipt.file.save("beleg.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    receipt.save()
    return receipt


def _past_booking(municipality, when):
    from quartier.rooms.tests.factories import BookingFactory, RoomFactory

    row = BookingFactory(
        room=RoomFactory(municipality=municipality), rejection_reason="belegt"
    )
    return _aged(row, starts_at=when - datetime.timedelta(hours=2), ends_at=when)


def _answered_feedback(municipality, when):
    from quartier.legal.models import AccessibilityFeedback

    row = AccessibilityFeedback.objects.create(
        municipality=municipality,
        text="Kontrast zu schwach",
        name="Erika",
        email="erika@test.example",
        due_on=when.date(),
        status="answered",
        answered_at=when,
    )
    return row


def _unconfirmed_guest_registration(municipality, when):
    from quartier.forums.tests.factories import MeetingFactory, RegistrationFactory

    row = RegistrationFactory(
        meeting=MeetingFactory(forum__municipality=municipality),
        user=None,
        guest_name="Gast",
        guest_email="gast@test.example",
        status="pending",
    )
    return _aged(row, created_at=when)


def _audit_entry(municipality, when):
    row = AuditEntry.record(
        kind=AuditEntry.Kind.ADMIN_ACTION,
        action="core.view_overview",
        municipality=municipality,
    )
    return _aged(row, created_at=when)


def _unaccepted_actor_invitation(municipality, when):
    from quartier.actors.models import ActorInvitation
    from quartier.actors.tests.factories import ActorFactory

    row = ActorInvitation.objects.create(
        actor=ActorFactory(municipality=municipality), email="neu@test.example"
    )
    return _aged(row, created_at=when)


def _adviser_view(municipality, when):
    from quartier.accounts.tests.factories import UserFactory
    from quartier.advisers.models import AdviserView

    row = AdviserView.objects.create(
        municipality=municipality,
        user=UserFactory(is_adviser=True),
        module_key="initiatives",
        what="Vorhaben",
    )
    return _aged(row, viewed_at=when)


# One case per registered rule: (municipality, the row's date) → a row the rule covers.
CASES: dict[str, Callable] = {
    "actors.unaccepted_invitation": _unaccepted_actor_invitation,
    "participation.unconfirmed_email": _guest_email,
    "participation.unconfirmed_support": _unconfirmed_support,
    "participation.rejected_contribution": _rejected_contribution,
    "stories.unconfirmed_email": _story_guest_email,
    "stories.rejected_story": _rejected_story,
    "funds.closed_application": _closed_application,
    "funds.receipts": _receipt_past_guideline,
    "rooms.past_booking_details": _past_booking,
    "forums.unconfirmed_guest_registration": _unconfirmed_guest_registration,
    "core.audit_entry": _audit_entry,
    "legal.feedback_contact": _answered_feedback,
    "advisers.view_log": _adviser_view,
}


def _is_done(rule, row) -> bool:
    fresh = type(row).objects.filter(pk=row.pk).first()
    if rule.action == ANONYMISE:
        return fresh is not None and all(
            getattr(fresh, name) == value for name, value in rule.blank.items()
        )
    return fresh is None


def test_every_rule_has_label_limits_and_case():
    assert RULES, "no retention rules registered"
    for key, rule in RULES.items():
        assert str(rule.label), key
        assert 0 < rule.min_days <= rule.default_days <= rule.max_days, key
        assert key in CASES, f"{key}: add a case to test_retention.CASES"
    # rate limits keep no rows: their counters live in the cache only
    assert not any("ratelimit" in key for key in RULES)


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(CASES))
def test_rule_handles_what_is_due_and_nothing_newer(
    key, municipality, other_municipality
):
    rule = RULES[key]
    edge = NOW - datetime.timedelta(days=rule.default_days)
    due = CASES[key](municipality, edge - datetime.timedelta(hours=1))
    newer = CASES[key](municipality, edge + datetime.timedelta(hours=1))
    elsewhere = CASES[key](other_municipality, edge - datetime.timedelta(days=1))

    assert apply_rule(rule, municipality, now=NOW, dry_run=True) == 1
    assert not _is_done(rule, due)

    assert apply_rule(rule, municipality, now=NOW) == 1
    assert _is_done(rule, due)
    assert not _is_done(rule, newer)
    assert not _is_done(rule, elsewhere)
    # a second run finds nothing more
    assert apply_rule(rule, municipality, now=NOW) == 0


@pytest.mark.django_db
def test_municipality_period_within_limits(municipality):
    rule = RULES["core.audit_entry"]
    assert days_for(rule, municipality) == rule.default_days
    setting = RetentionSetting.objects.create(
        municipality=municipality, key=rule.key, days=rule.max_days + 1000
    )
    assert days_for(rule, municipality) == rule.max_days
    setting.days = 1
    setting.save()
    assert days_for(rule, municipality) == rule.min_days

    setting.days = rule.min_days
    setting.save()
    row = _audit_entry(municipality, NOW - datetime.timedelta(days=rule.min_days + 1))
    assert apply_rule(rule, municipality, now=NOW) == 1
    assert _is_done(rule, row)


@pytest.mark.django_db
def test_apply_all_records_counts_in_audit_log(municipality):
    old = NOW - datetime.timedelta(days=400)
    _guest_email(municipality, old)
    _past_booking(municipality, old)
    results = apply_all(now=NOW)
    assert results[municipality]["participation.unconfirmed_email"] == 1
    assert results[municipality]["rooms.past_booking_details"] == 1
    entry = AuditEntry.objects.get(
        municipality=municipality, action="core.apply_retention"
    )
    assert "participation.unconfirmed_email=1" in entry.target
    assert "rooms.past_booking_details=1" in entry.target


@pytest.mark.django_db
def test_command_dry_run_changes_nothing(municipality):
    old = timezone.now() - datetime.timedelta(days=4000)
    contribution = _guest_email(municipality, old)
    entry = _audit_entry(municipality, old)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "musterstadt participation.unconfirmed_email: 1 due" in out.getvalue()
    assert "musterstadt core.audit_entry: 1 due" in out.getvalue()
    contribution.refresh_from_db()
    assert contribution.author_email == "gast@test.example"
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert not AuditEntry.objects.filter(action="core.apply_retention").exists()

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "musterstadt participation.unconfirmed_email: 1 done" in out.getvalue()
    contribution.refresh_from_db()
    assert contribution.author_email == ""
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.filter(action="core.apply_retention").exists()


@pytest.mark.django_db
def test_setting_outside_the_limits_is_refused_in_german(municipality):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    rule = RULES["core.audit_entry"]
    setting = RetentionSetting(
        municipality=municipality, key=rule.key, days=rule.max_days + 1
    )
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        setting.full_clean()
    assert f"zwischen {rule.min_days} und {rule.max_days} Tagen" in str(refused.value)
    setting.key = "nothing.here"
    with pytest.raises(ValidationError) as refused:
        setting.full_clean()
    assert "key" in refused.value.message_dict

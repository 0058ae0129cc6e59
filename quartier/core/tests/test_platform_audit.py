"""The platform's audit log has a table of its own (core.PlatformAuditEntry), so
that every municipality's entry carries its municipality (core/tenancy.py, Citus):
who writes, who reads, retention, and the migration that moved the old rows."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.utils import timezone

from quartier.core.gate import record_refusal
from quartier.core.models import AuditEntry, PlatformAuditEntry
from quartier.core.retention import apply_all
from quartier.core.services import record_action

NOW = timezone.now()


@pytest.mark.django_db
def test_an_action_goes_to_the_log_of_its_municipality_or_the_platforms(
    admin_user, municipality
):
    record_action(admin_user, municipality, "core.change_municipality", "x")
    record_action(admin_user, None, "legal.change_legalpage", "Impressum")

    assert list(AuditEntry.objects.values_list("action", "municipality")) == [
        ("core.change_municipality", municipality.pk)
    ]
    platform = PlatformAuditEntry.objects.get()
    assert (platform.action, platform.user) == ("legal.change_legalpage", admin_user)


@pytest.mark.django_db
def test_a_refusal_outside_any_municipality_goes_to_the_platforms_log(resident):
    request = RequestFactory().get("/accounts/me/")
    request.user = resident
    record_refusal(request, "core.view_overview")

    assert not AuditEntry.objects.exists()
    entry = PlatformAuditEntry.objects.get()
    assert (entry.kind, entry.path) == (AuditEntry.Kind.ACCESS_DENIED, "/accounts/me/")


def _aged(row, days):
    type(row).objects.filter(pk=row.pk).update(
        created_at=NOW - datetime.timedelta(days=days)
    )
    return row


@pytest.mark.django_db
def test_retention_clears_the_platforms_old_entries_and_logs_there(municipality):
    old_platform = _aged(AuditEntry.record(kind="admin", action="a.b"), 4000)
    new_platform = _aged(AuditEntry.record(kind="admin", action="a.b"), 10)
    local = _aged(
        AuditEntry.record(kind="admin", action="a.b", municipality=municipality), 10
    )

    results = apply_all(now=NOW)

    assert results[None]["core.audit_entry"] == 1
    assert not PlatformAuditEntry.objects.filter(pk=old_platform.pk).exists()
    assert PlatformAuditEntry.objects.filter(pk=new_platform.pk).exists()
    assert AuditEntry.objects.filter(pk=local.pk).exists()
    summary = PlatformAuditEntry.objects.get(action="core.apply_retention")
    assert summary.target == "core.audit_entry=1"


@pytest.mark.django_db(transaction=True)
def test_the_migrations_move_entries_without_a_municipality(municipality):
    # Back to the expand step (only core's two later migrations are undone); rows
    # written as the previous release did, before the fill and between the fill
    # and the contract step, all end in the platform's table.
    steps = [
        ("core", "0006_platform_audit_expand"),
        ("core", "0007_platform_audit_fill"),
        ("core", "0008_audit_municipality_contract"),
    ]
    MigrationExecutor(connection).migrate(steps[:1])
    for step, target in zip(steps, steps[1:], strict=False):
        executor = MigrationExecutor(connection)
        old = executor.loader.project_state(step).apps.get_model("core", "AuditEntry")
        old.objects.create(kind="admin", action=f"legal.{step[1]}", target="Alt")
        old.objects.create(
            kind="admin", action="core.x", municipality_id=municipality.pk
        )
        executor.migrate([target])

    moved = PlatformAuditEntry.objects.order_by("id")
    assert [entry.action for entry in moved] == [
        "legal.0006_platform_audit_expand",
        "legal.0007_platform_audit_fill",
    ]
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["core.x"] * 2

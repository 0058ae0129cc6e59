"""Every code that can be written to the audit log has a label in words, and the
audit log page shows labels and object names, not codes (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from quartier.core.audit import STATES, action_label, readable_targets

PACKAGE = Path(__file__).resolve().parents[2]
CALL = re.compile(r"record_action\(")
CODE = re.compile(r'(f?)"([a-z_]+\.[a-z_{}]+)"')


def _recorded_codes() -> set[str]:
    """Codes in the source passed to record_action (f-strings expanded where they
    follow a known pattern)."""
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        for call in CALL.finditer(text):
            for match in CODE.finditer(text[call.end() : call.end() + 400]):
                fstring, code = match.groups()
                if not fstring:
                    codes.add(code)
                elif code.endswith("_{status}"):
                    codes.update(code.replace("{status}", s) for s in STATES)
    return codes


def _archive_codes() -> set[str]:
    codes = set()
    for model in apps.get_models():
        if model.__module__.startswith("quartier.") and any(
            f.name == "archived_at" for f in model._meta.concrete_fields
        ):
            meta = model._meta
            if "Historical" in model.__name__:
                continue
            for verb in ("archive", "restore"):
                codes.add(f"{meta.app_label}.{verb}_{meta.model_name}")
    return codes


def every_code() -> set[str]:
    return set(rules.permissions.permissions) | _recorded_codes() | _archive_codes()


def test_the_scan_finds_the_codes_it_must():
    codes = every_code()
    assert {"funds.manage_jury", "forums.save_meeting", "forums.meeting_held"} <= codes
    assert len(codes) > 150


def test_every_audit_code_has_a_label_in_words():
    with translation.override("de"):
        missing = sorted(code for code in every_code() if not action_label(code))
        assert not missing, f"audit codes without a label: {missing}"
        assert action_label("funds.manage_jury") == "Jury verwalten"
        assert action_label("forums.save_meeting") == "Sitzung: speichern"


@pytest.mark.django_db
def test_the_audit_log_shows_words_and_names(client, municipality, admin_user):
    from quartier.core.models import AuditEntry

    AuditEntry.record(
        kind=AuditEntry.Kind.ACCESS_DENIED,
        action="core.change_municipality",
        target=f"Municipality:{municipality.pk}",
        user=admin_user,
        municipality=municipality,
    )
    client.force_login(admin_user)
    response = client.get(
        reverse("core:audit", kwargs={"municipality_slug": municipality.slug}),
        HTTP_ACCEPT_LANGUAGE="de",
    )
    html = response.content.decode()
    assert "core.change_municipality" not in html
    assert f"Municipality:{municipality.pk}" not in html
    assert "„Musterstadt“" in html


@pytest.mark.django_db
def test_targets_of_deleted_objects_stay_readable(municipality):
    targets = readable_targets(["Municipality:999999", "schon ein Name"])
    assert "999999" in targets["Municipality:999999"]
    assert "schon ein Name" not in targets

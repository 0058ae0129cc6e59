"""Retention and deletion: how long each kind of personal data is kept, in one registry.

Each app registers in its AppConfig.ready() (from its own `retention.py`) the rules for
the data it holds: a key, a label, a default period in days with the limits within
which a municipality may change it (core.RetentionSetting), what the rule does
(delete the rows, or blank some fields) and a function (municipality, cutoff) → the
rows due. core never imports the apps; a new module joins by registering.

`quartier apply_retention` (daily) runs `apply_all()`: every rule for every
municipality, counts written to the audit log. core/tests/test_retention.py walks
the registry (label, default within limits, a test case per rule).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from quartier.core.models import Municipality, RetentionSetting

DELETE = "delete"
ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Rule:
    key: str  # "<app>.<name>", unique
    label: Any  # lazy translated: the data kind, as the docs and admins read it
    default_days: int
    min_days: int
    max_days: int
    rows: Callable[[Municipality | None, datetime.datetime], QuerySet]  # rows due
    action: str = DELETE  # DELETE, or ANONYMISE (set `blank` on the rows)
    blank: dict[str, Any] = field(default_factory=dict)  # ANONYMISE: field → value
    # True when the rule also covers rows of no municipality (called with None).
    platform_rows: bool = False


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> None:
    if rule.action not in (DELETE, ANONYMISE):
        raise ValueError(f"{rule.key}: action must be {DELETE!r} or {ANONYMISE!r}")
    if rule.action == ANONYMISE and not rule.blank:
        raise ValueError(f"{rule.key}: an anonymising rule names the fields it blanks")
    if not rule.min_days <= rule.default_days <= rule.max_days:
        raise ValueError(f"{rule.key}: the default lies outside the limits")
    RULES[rule.key] = rule


def days_for(rule: Rule, municipality: Municipality | None) -> int:
    """The municipality's period for the rule, clamped to the rule's limits."""
    if municipality is None:
        return rule.default_days
    setting = RetentionSetting.objects.filter(
        municipality=municipality, key=rule.key
    ).first()
    if setting is None:
        return rule.default_days
    return min(max(setting.days, rule.min_days), rule.max_days)


def apply_rule(
    rule: Rule,
    municipality: Municipality | None,
    *,
    now: datetime.datetime,
    dry_run: bool = False,
) -> int:
    """Delete or anonymise what is due under one rule; the number of rows."""
    cutoff = now - datetime.timedelta(days=days_for(rule, municipality))
    rows = rule.rows(municipality, cutoff)
    if dry_run:
        return rows.count()
    if rule.action == ANONYMISE:
        return rows.update(**rule.blank)
    count = rows.count()
    for row in rows.iterator():  # one by one: signals, files and cascades run
        row.delete()
    return count


def apply_all(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[Municipality | None, dict[str, int]]:
    """Every rule for every municipality (and platform rows); counts per rule.
    Unless dry_run, each municipality's counts go to its audit log."""
    from quartier.core.services import record_action

    now = now or timezone.now()
    results: dict[Municipality | None, dict[str, int]] = {}
    targets: list[Municipality | None] = list(Municipality.objects.order_by("pk"))
    targets.append(None)
    for municipality in targets:
        counts = {}
        with transaction.atomic():
            for rule in sorted(RULES.values(), key=lambda r: r.key):
                if municipality is None and not rule.platform_rows:
                    continue
                counts[rule.key] = apply_rule(
                    rule, municipality, now=now, dry_run=dry_run
                )
            if not dry_run and any(counts.values()):
                summary = ", ".join(f"{k}={v}" for k, v in counts.items() if v)
                record_action(None, municipality, "core.apply_retention", summary)
        results[municipality] = counts
    return results


def _audit_entries(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    from quartier.core.models import AuditEntry, PlatformAuditEntry

    if municipality is None:  # the platform's own log (operators)
        return PlatformAuditEntry.objects.filter(created_at__lt=cutoff)
    return AuditEntry.objects.filter(municipality=municipality, created_at__lt=cutoff)


def register_core_rules() -> None:
    """core's own data: the audit log. (Rate limits keep no rows: their counters,
    keyed by a hash of the address, live in the cache and expire with their window.)"""
    from django.utils.translation import gettext_lazy as _

    register(
        Rule(
            key="core.audit_entry",
            label=_("Audit log entries"),
            default_days=365,
            min_days=90,
            max_days=3650,
            rows=_audit_entries,
            platform_rows=True,
        )
    )

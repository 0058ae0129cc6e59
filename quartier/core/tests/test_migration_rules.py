"""Zero-downtime migrations (docs/operations.md, "Upgrades").

During a rolling upgrade the old code keeps serving while `migrate` runs, so a
release may only *expand* the schema: add tables, nullable columns, indexes. What
the old code still reads or writes — a column, a table, a name — is *contracted*
(dropped, renamed, made NOT NULL) in a later release, after no server runs the old
code any more. The walk covers every migration of every Quartier app; an operation
that contracts is refused unless its module says why it is safe:

    ZERO_DOWNTIME = "contract: <why the code of the previous release no longer
    needs what this removes>"

Migrations written before the rule are listed below by name.
"""

from __future__ import annotations

import sys

from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

BEFORE_THE_RULE = "before the rule (release 0.1.0)"

GRANDFATHERED: dict[str, str] = {
    "core.0004_municipality_sharing_by_grant": BEFORE_THE_RULE,
}

CONTRACTING = (ops.RenameField, ops.RenameModel, ops.RemoveField, ops.DeleteModel)


def _quartier_migrations(loader: MigrationLoader) -> list[tuple[str, str]]:
    return sorted(
        key
        for key, migration in loader.disk_migrations.items()
        if migration.__module__.startswith("quartier.")
    )


def _contracting(loader: MigrationLoader, key: tuple[str, str]) -> list[str]:
    migration = loader.disk_migrations[key]
    app_label = key[0]
    state = loader.project_state(key, at_end=False)
    found = []
    for operation in migration.operations:
        if isinstance(operation, CONTRACTING):
            found.append(operation.describe())
        elif isinstance(operation, ops.AlterField):
            model = state.models.get((app_label, operation.model_name_lower))
            before = model.fields.get(operation.name) if model else None
            after = operation.field
            if (
                before is not None
                and before.null
                and not after.null
                and not after.has_default()
                and after.db_default is NOT_PROVIDED
            ):
                found.append(f"{operation.describe()} (now NOT NULL, no default)")
        operation.state_forwards(app_label, state)
    return found


def test_migrations_only_expand_unless_they_say_why():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    refused = []
    for key in _quartier_migrations(loader):
        name = ".".join(key)
        found = _contracting(loader, key)
        if not found or name in GRANDFATHERED:
            continue
        module = sys.modules[loader.disk_migrations[key].__module__]
        reason = getattr(module, "ZERO_DOWNTIME", "")
        if not reason.startswith("contract: ") or len(reason) < 30:
            refused.append(
                f"{name}: {'; '.join(found)}. Split it: add and backfill in this "
                "release, drop or rename in the next, and say why it is safe with "
                'ZERO_DOWNTIME = "contract: …" in the migration module '
                "(docs/operations.md, Upgrades)"
            )
    assert not refused, "\n".join(refused)


def test_grandfathered_migrations_exist_and_still_contract():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = {".".join(key): key for key in _quartier_migrations(loader)}
    for name, reason in GRANDFATHERED.items():
        assert name in names, f"{name} is listed but does not exist"
        assert reason.startswith("before the rule"), name
        assert _contracting(loader, names[name]), f"{name} needs no exception"


def test_the_rule_catches_a_dropped_column_and_a_new_not_null():
    # The check itself: a removed field and a column made NOT NULL are found.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    dropped = _contracting(loader, ("core", "0004_municipality_sharing_by_grant"))
    assert any("Remove field" in found for found in dropped)
    required = _contracting(loader, ("participation", "0008_municipality_key_contract"))
    assert any("NOT NULL" in found for found in required)

"""Moving a municipality: the demo's Musterstadt is exported from one installation
and imported into another that holds the same demo without Musterstadt (so
Beispielheim and what all municipalities share), both second databases beside the
test database, driven through the `quartier` command in subprocesses. Musterstadt
reads the same there for every role; Beispielheim stays as it was; people are
matched or created inactive; broken archives and taken slugs are refused."""

from __future__ import annotations

import json
import time
from contextlib import ExitStack

import pytest
from django.apps import apps

from quartier.operations.moving import (
    IGNORED,
    REFERENCE,
    ROOT,
    _fks,
    _label,
    _models,
    exported_models,
)
from quartier.operations.tests.installations import empty_installation
from quartier.operations.tests.test_backup import rewrite

# The demo is seeded once: every test of this module runs in one test worker.
pytestmark = pytest.mark.xdist_group("operations_moving")
CRAWL_LIMIT = 60
FIGURES: dict[str, float] = {}
CRAWL = (
    "import json\n"
    "from quartier.operations.tests.crawl import crawl\n"
    f"print(json.dumps(crawl('musterstadt', limit={CRAWL_LIMIT}, activate=True)))"
)
PEOPLE = (
    "import json\n"
    "from quartier.accounts.models import Membership, User\n"
    "from quartier.core.models import AuditEntry, Municipality\n"
    "town = Municipality.objects.get(slug='musterstadt')\n"
    "print(json.dumps({'users': {u.email: [u.is_active, u.has_usable_password()]"
    " for u in User.objects.all()},"
    " 'members': sorted(Membership.objects.filter(municipality=town)"
    ".values_list('user__email', flat=True)),"
    " 'logo': town.logo.name, 'logo_bytes': town.logo.read().hex(),"
    " 'audit': list(AuditEntry.objects.filter(municipality=town,"
    " action='operations.import_municipality').values_list('target', flat=True))}))"
)


def ok(done):
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def timed(key, step):
    started = time.monotonic()
    result = step()
    FIGURES[key] = round(time.monotonic() - started, 1)
    return result


@pytest.fixture(scope="module")
def moved(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("move")
    with django_db_blocker.unblock(), ExitStack() as stack:
        source = stack.enter_context(empty_installation(tmp, "source", migrated=True))
        target = stack.enter_context(empty_installation(tmp, "target"))
        timed("migrate", lambda: ok(source.quartier("migrate", "--noinput")))
        timed("seed_demo", lambda: ok(source.quartier("seed_demo")))
        ok(
            source.python(
                "from django.core.files.base import ContentFile\n"
                "from quartier.core.models import Municipality\n"
                "town = Municipality.objects.get(slug='musterstadt')\n"
                "town.logo.save('wappen.png', ContentFile(b'PNG wappen'))"
            )
        )
        ok(source.quartier("backup", "--output", str(tmp / "demo.tar.gz")))
        ok(target.quartier("restore", str(tmp / "demo.tar.gz")))
        ok(
            target.python(
                "from quartier.operations.tests.installations import "
                "remove_municipality\nremove_municipality('musterstadt')"
            )
        )
        archive = tmp / "musterstadt.tar.gz"
        exported = timed(
            "export",
            lambda: ok(
                source.quartier(
                    "export_municipality", "musterstadt", "--output", str(archive)
                )
            ),
        )
        before = target.rows()
        imported = timed(
            "import",
            lambda: ok(target.quartier("import_municipality", str(archive))),
        )
        after = target.rows()
        people = json.loads(ok(target.python(PEOPLE)).stdout)
        source_people = json.loads(ok(source.python(PEOPLE)).stdout)
        pages = timed(
            "crawl",
            lambda: {
                "source": json.loads(ok(source.python(CRAWL)).stdout),
                "target": json.loads(ok(target.python(CRAWL)).stdout),
            },
        )
        print(f"\nmoving figures: {FIGURES}; {exported.stdout}{imported.stdout}")
        yield {
            "tmp": tmp,
            "target": target,
            "before": before,
            "after": after,
            "people": people,
            "source_people": source_people,
            "pages": pages,
        }


def test_every_model_is_exported_or_classified():
    reached = exported_models()
    unclassified = sorted(
        _label(m)
        for m in _models()
        if _label(m) not in reached
        and _label(m) not in REFERENCE
        and _label(m) not in IGNORED
    )
    assert unclassified == []
    assert ROOT in reached
    # A reference points only at references: it is matched, never copied with
    # rows of a municipality.
    assert (
        sorted(
            f"{label}.{field.name}"
            for label in REFERENCE
            for field in _fks(apps.get_model(label))
            if _label(field.related_model) not in REFERENCE
        )
        == []
    )


def test_musterstadt_reads_the_same_for_every_role_after_the_move(moved):
    source, target = moved["pages"]["source"], moved["pages"]["target"]
    assert set(source) == {"guest", "resident", "partner", "coordinator", "admin"}
    for role in source:
        assert sum(source[role].values()) >= 20, role
        assert target[role] == source[role], role


def test_beispielheim_and_the_shared_rows_are_unchanged_by_the_import(moved):
    before, after = moved["before"], moved["after"]
    kept = {label: {json.dumps(row) for row in rows} for label, rows in after.items()}
    changed = {
        label: len([row for row in rows if json.dumps(row) not in kept[label]])
        for label, rows in before.items()
    }
    assert {label: n for label, n in changed.items() if n} == {}
    assert sum(map(len, after.values())) > sum(map(len, before.values())) + 1000


def test_people_are_matched_by_email_or_created_inactive(moved):
    users, members = moved["people"]["users"], moved["people"]["members"]
    assert members == moved["source_people"]["members"]
    # Musterstadt's people were not in the target: they come inactive, without a
    # usable password, until they reset it.
    assert users["admin@musterstadt.example"] == [False, False]
    assert users["bewohnerin@musterstadt.example"] == [False, False]
    # Beispielheim's admin was there and stays as she was.
    assert users["admin@beispielheim.example"] == [True, True]


def test_files_and_the_audit_entry_move_with_the_municipality(moved):
    people = moved["people"]
    assert bytes.fromhex(people["logo_bytes"]) == b"PNG wappen"
    assert people["logo"].startswith("logos/municipalities/wappen")
    assert len(people["audit"]) == 1 and "musterstadt" in people["audit"][0]


def test_a_taken_slug_a_damaged_archive_and_a_newer_schema_are_refused(moved):
    tmp, target = moved["tmp"], moved["target"]
    # After the crawl (which signed people in), before the refused imports.
    before = target.rows()
    archive = tmp / "musterstadt.tar.gz"
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    (tmp / "flipped.tar.gz").write_bytes(bytes(raw))
    cases = {
        "exists already": archive,
        "damaged": tmp / "flipped.tar.gz",
        "newer": rewrite(
            archive,
            tmp / "newer.tar.gz",
            manifest=lambda m: {
                **m,
                "migrations": {**m["migrations"], "core": ["9999_next"]},
            },
        ),
        "missing": rewrite(
            archive, tmp / "missing.tar.gz", drop=["data/core.Neighborhood.json"]
        ),
    }
    for problem, path in cases.items():
        args = ["--slug", "musterstadt-neu"] if problem != "exists already" else []
        done = target.quartier("import_municipality", str(path), *args)
        assert done.returncode != 0, problem
        assert problem in done.stderr, done.stderr
        assert "Nothing was imported" in done.stderr, done.stderr
    assert target.rows() == before

"""`quartier backup` / `quartier restore`: a round trip into an empty installation
(a new SQLite file, or a second PostgreSQL database in the PostgreSQL pass) gives
back every table's rows and every file's bytes; a damaged archive, a newer schema
and a database that holds data are refused with nothing changed."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from quartier.accounts.tests.factories import MembershipFactory
from quartier.core.models import AuditEntry
from quartier.core.tests.factories import MunicipalityFactory
from quartier.operations.tests.installations import (
    empty_installation,
    files_of,
    rows_of_every_table,
)
from quartier.participation.tests.factories import CommentFactory, ContributionFactory


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), colour).save(out, "PNG")
    return out.getvalue()


def small_world() -> None:
    town = MunicipalityFactory(name="Musterstadt", slug="musterstadt")
    town.logo.save("wappen.png", ContentFile(png("red")))
    member = MembershipFactory(municipality=town, role="coordinator").user
    idea = ContributionFactory(municipality=town, title="Bänke am Lindenplatz")
    idea.photo.save("bank.png", ContentFile(png("green")))
    CommentFactory(contribution=idea, author=member, text="Gern – mit Schatten!")
    AuditEntry.record(
        kind="admin", action="core.change_municipality", municipality=town
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def rewrite(archive: Path, out: Path, *, drop=(), change=None, manifest=None) -> Path:
    """A copy of the archive with members dropped or changed (manifest as given)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(out, "w:gz") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name in drop:
                continue
            if change and info.name == change:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            if manifest and info.name == "manifest.json":
                data = json.dumps(manifest(json.loads(data))).encode()
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return out


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_and_file_into_an_empty_installation(media, tmp_path):
    small_world()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
    files = [name for name in manifest["members"] if name.startswith("files/")]
    assert len(files) == 2
    assert "core" in manifest["migrations"] and manifest["quartier_version"]

    with empty_installation(tmp_path) as target:
        done = target.quartier("restore", str(archive))
        assert done.returncode == 0, done.stderr
        assert target.rows() == rows_of_every_table()
        restored = {
            str(p.relative_to(target.media_root)): p.read_bytes()
            for p in target.media_root.rglob("*")
            if p.is_file()
        }
        assert restored == files_of(default_storage)

        # A second restore finds the installation full: refused, nothing changed.
        again = target.quartier("restore", str(archive))
        assert again.returncode != 0
        assert "not empty" in again.stderr and "Nothing was restored" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_and_the_target_stays_empty(media, tmp_path):
    small_world()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    flipped = tmp_path / "flipped.tar.gz"
    flipped.write_bytes(bytes(raw))
    names = tarfile.open(archive).getnames()
    logo = next(n for n in names if n.startswith("files/logos/"))
    database = next(n for n in names if n.startswith("database/"))
    broken = {
        "damaged": flipped,
        "missing": rewrite(archive, tmp_path / "missing.tar.gz", drop=[logo]),
        "checksum": rewrite(archive, tmp_path / "checksum.tar.gz", change=database),
        "newer schema": rewrite(
            archive,
            tmp_path / "newer.tar.gz",
            manifest=lambda m: {
                **m,
                "migrations": {**m["migrations"], "core": ["9999_from_the_future"]},
            },
        ),
    }
    with empty_installation(tmp_path) as target:
        for problem, path in broken.items():
            done = target.quartier("restore", str(path))
            assert done.returncode != 0, problem
            assert "Nothing was restored" in done.stderr, problem
            assert problem.split()[0] in done.stderr, (problem, done.stderr)
        # Any change would still be there: the target holds no table and no file.
        assert target.table_count() == 0
        assert list(target.media_root.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data(media, tmp_path):
    small_world()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    before = rows_of_every_table()
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(archive))
    assert rows_of_every_table() == before


def test_a_truncated_gzip_is_named_damaged(tmp_path, db):
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(gzip.compress(b"x" * 5000)[:40])
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(path))

"""One archive format for backups and municipality moves: a tar.gz with
`manifest.json` and members listed in it with their SHA-256 and size.

Writing: `ArchiveWriter` adds members (files from disk, uploaded files streamed from
the storage) and hashes them as they pass; the manifest goes in last, with every
member's checksum. Reading: `open_archive` unpacks into a temporary folder and
refuses — before anything is changed anywhere — an archive that is not gzip/tar,
lacks its manifest, lacks a member the manifest lists, holds a member the manifest
does not list, or holds a member whose size or checksum differs.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.core.files.storage import Storage
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class OperationRefused(Exception):
    """A backup, restore or move that must not go ahead; the message says why."""


def quartier_version() -> str:
    try:
        return metadata.version("quartier")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


def migration_state() -> dict[str, list[str]]:
    """The migrations applied to the database, per app."""
    state: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def unknown_migrations(state: dict[str, list[str]]) -> list[str]:
    """Migrations of an archive that this code does not have: the archive was made
    by a newer release."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in sorted(state.items())
        for name in names
        if (app, name) not in known
    ]


def walk_storage(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file name in a storage, through its API only (local folder or S3)."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for folder in sorted(folders):
        yield from walk_storage(storage, f"{path}/{folder}" if path else folder)


class _HashingReader(io.RawIOBase):
    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


@dataclass
class ArchiveWriter:
    """Writes an archive; `close(manifest)` adds the manifest with the checksums."""

    path: Path
    members: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.tar = tarfile.open(self.partial, "w:gz")  # noqa: SIM115

    def add_stream(self, name: str, source: IO[bytes], size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(timezone.now().timestamp())
        reader = _HashingReader(source)
        self.tar.addfile(info, reader)
        if reader.size != size:
            raise OperationRefused(
                f"{name} changed while it was being archived ({size} → {reader.size} bytes)."
            )
        self.members[name] = {"sha256": reader.sha256.hexdigest(), "size": size}

    def add_file(self, name: str, path: Path) -> None:
        with path.open("rb") as source:
            self.add_stream(name, source, path.stat().st_size)

    def add_bytes(self, name: str, data: bytes) -> None:
        self.add_stream(name, io.BytesIO(data), len(data))

    def add_storage_file(self, name: str, storage: Storage, storage_name: str) -> None:
        with storage.open(storage_name, "rb") as source:
            self.add_stream(name, source, storage.size(storage_name))

    def close(self, manifest: dict[str, Any]) -> dict[str, Any]:
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(timezone.now().timestamp())
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()
        self.partial.replace(self.path)
        return manifest

    def abort(self) -> None:
        self.tar.close()
        self.partial.unlink(missing_ok=True)


def base_manifest(kind: str) -> dict[str, Any]:
    return {
        "format": kind,
        "format_version": 1,
        "quartier_version": quartier_version(),
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "migrations": migration_state(),
    }


@dataclass
class OpenedArchive:
    """An unpacked, verified archive; `folder` is removed by `close()`."""

    folder: Path
    manifest: dict[str, Any]

    def member(self, name: str) -> Path:
        return self.folder / "members" / name

    def members_under(self, prefix: str) -> list[str]:
        return sorted(
            name for name in self.manifest["members"] if name.startswith(prefix)
        )

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> OpenedArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


def open_archive(path: Path, kind: str) -> OpenedArchive:
    """Unpack and verify an archive of the given kind, or refuse it."""
    if not path.is_file():
        raise OperationRefused(f"There is no archive at {path}.")
    folder = Path(tempfile.mkdtemp(prefix="quartier-archive-"))
    try:
        manifest = _unpack(path, folder)
        if manifest.get("format") != kind:
            raise OperationRefused(
                f"{path.name} is not a {kind} archive (it says {manifest.get('format')!r})."
            )
        _verify(folder, manifest)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return OpenedArchive(folder=folder, manifest=manifest)


def _unpack(path: Path, folder: Path) -> dict[str, Any]:
    manifest = None
    try:
        with tarfile.open(path, "r:gz") as tar:
            for info in tar:
                if not info.isfile() or not _safe_member_name(info.name):
                    raise OperationRefused(
                        f"The archive is damaged: unexpected entry {info.name!r}."
                    )
                source = tar.extractfile(info)
                assert source is not None  # noqa: S101 - a regular file
                if info.name == MANIFEST:
                    manifest = json.loads(source.read())
                    continue
                target = folder / "members" / info.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except (tarfile.TarError, zlib.error, EOFError, OSError, ValueError) as error:
        raise OperationRefused(
            f"The archive is damaged and cannot be read: {error}."
        ) from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("members"), dict):
        raise OperationRefused("The archive is damaged: manifest.json is missing.")
    return manifest


def _verify(folder: Path, manifest: dict[str, Any]) -> None:
    root = folder / "members"
    present = {
        str(p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file()
    }
    listed = manifest["members"]
    missing = sorted(set(listed) - present)
    if missing:
        raise OperationRefused(
            f"The archive is damaged: {len(missing)} member(s) missing, e.g. {missing[0]}."
        )
    extra = sorted(present - set(listed))
    if extra:
        raise OperationRefused(
            f"The archive is damaged: {extra[0]} is not listed in the manifest."
        )
    for name, expected in sorted(listed.items()):
        digest = hashlib.sha256()
        size = 0
        with (root / name).open("rb") as member:
            while chunk := member.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        if size != expected.get("size") or digest.hexdigest() != expected.get("sha256"):
            raise OperationRefused(
                f"The archive is damaged: the checksum of {name} does not match."
            )


def refuse_newer_schema(manifest: dict[str, Any]) -> None:
    newer = unknown_migrations(manifest.get("migrations", {}))
    if newer:
        raise OperationRefused(
            "The archive was made by a newer Quartier "
            f"({manifest.get('quartier_version')}): this code does not know "
            f"{len(newer)} of its migrations, e.g. {newer[0]}. Upgrade first."
        )

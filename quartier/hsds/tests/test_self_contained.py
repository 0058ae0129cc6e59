"""The clone is the whole product: the HSDS schemas ship inside the package (with
their CC BY-SA licence), are package data, equal the specification copy the project
keeps for its tests, and nothing in the package reads `../shared` at run time."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

from quartier.hsds import schema
from quartier.hsds.tests.helpers import specification_dir

PACKAGE = Path(__file__).resolve().parents[2]  # …/quartier
SHIPPED = PACKAGE / "hsds" / "specification"


def test_the_default_schema_folder_is_the_copy_in_the_package():
    assert schema.schema_dir() == schema.SHIPPED_DIR == (SHIPPED / "schema").resolve()
    assert schema.missing_reason() is None


def test_the_shipped_schemas_equal_the_specification_copy():
    spec = specification_dir()
    shipped = {p.name: p.read_bytes() for p in (SHIPPED / "schema").glob("*.json")}
    original = {p.name: p.read_bytes() for p in (spec / "schema").glob("*.json")}
    assert shipped == original
    assert (SHIPPED / "LICENSE").read_bytes() == (spec / "LICENSE").read_bytes()
    attribution = (SHIPPED / "README.md").read_text(encoding="utf-8")
    assert "Open Referral" in attribution
    assert "CC BY-SA 4.0" in attribution


def _matches(pattern: str, relative: str) -> bool:
    # setuptools globs: "**" spans folders, "*" stays inside one.
    regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*", "[^/]*")
    return re.fullmatch(regex, relative) is not None or fnmatch.fnmatch(
        relative, pattern
    )


def test_package_data_covers_every_shipped_file():
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    package_data = config["tool"]["setuptools"]["package-data"]
    patterns = package_data.get("*", []) + package_data.get("quartier.hsds", [])
    files = [p for p in SHIPPED.rglob("*") if p.is_file()]
    assert len(files) >= 24  # 22 schemas, the licence, the attribution
    for file in files:
        relative = file.relative_to(PACKAGE / "hsds").as_posix()
        assert any(_matches(p, relative) for p in patterns), relative


# Text that would read the project's specification copy beside the clone.
SHARED_READ = re.compile(
    r"""\.\.[/\\]shared|/\s*["']shared["']|["']shared/|shared/standards"""
)


def test_nothing_in_the_package_reads_shared_at_run_time():
    offenders = []
    for file in PACKAGE.rglob("*"):
        if not file.is_file() or file.suffix not in (".py", ".html", ".txt", ".toml"):
            continue
        if "tests" in file.relative_to(PACKAGE).parts:
            continue  # tests may use the specification copy as test data
        text = file.read_text(encoding="utf-8", errors="replace")
        if SHARED_READ.search(text):
            offenders.append(str(file.relative_to(PACKAGE)))
    assert offenders == []
    assert "shared" not in str(settings.HSDS_SCHEMA_DIR)


# Runs in a copy of the package with no ../shared beside it: reads the schemas,
# checks an HSDS file as the import does, and serves openapi.json.
CLONE_SCRIPT = """
import json, sys, types
import django
django.setup()
import quartier
from django.test import RequestFactory
from quartier.hsds import schema
from quartier.hsds.parsing import parse_json
from quartier.hsds.services import check_records
from quartier.hsds.views import api

assert quartier.__file__.startswith(sys.argv[1]), quartier.__file__
assert str(schema.schema_dir()).startswith(sys.argv[1]), schema.schema_dir()
records = parse_json(sys.stdin.buffer.read())
issues = [issue.as_dict() for issue in check_records(records)]
assert records and not issues, issues
request = RequestFactory(HTTP_HOST="localhost").get("/musterstadt/hsds/openapi.json")
request.municipality = types.SimpleNamespace(name="Musterstadt", slug="musterstadt")
response = api.openapi(request)
assert response.status_code == 200, response.content
document = json.loads(response.content)
print(json.dumps({"paths": sorted(document["paths"]), "records": len(records)}))
"""


def test_a_clone_without_shared_imports_hsds_and_serves_openapi(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(
        PACKAGE,
        clone / "quartier",
        ignore=shutil.ignore_patterns("tests", "__pycache__"),
    )
    assert not (clone.parent / "shared").exists()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HSDS_", "PYTHON", "DJANGO_"))
    }
    env.update(
        PYTHONPATH=str(clone),
        DJANGO_SETTINGS_MODULE="quartier.settings",
        SECRET_KEY="clone-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        SECURE_SSL_REDIRECT="off",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    service = {
        "id": "7d0a3a36-2f6f-4c11-9a47-1f6c7a4b8d01",
        "name": "Bewegungstreff",
        "status": "active",
        "organization": {
            "id": "0f3b1c1e-6a53-4bb3-8f5e-3c8d6f1e2a10",
            "name": "Sportverein",
            "description": "Verein",
        },
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CLONE_SCRIPT, str(clone)],
        input=json.dumps([service]).encode(),
        cwd=clone,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert "/services" in result["paths"]
    assert result["records"] == 1

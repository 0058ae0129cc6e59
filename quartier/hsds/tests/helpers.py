"""Shared helpers of the hsds tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings

from quartier.hsds import schema


def require_schemas() -> Path:
    """The schema folder; the test fails (never skips) with the reason when the
    schema files are missing (the package ships them)."""
    reason = schema.missing_reason()
    if reason:
        pytest.fail(reason, pytrace=False)
    return schema.schema_dir()


def specification_dir() -> Path:
    """The project's copy of the specification (schemas and examples), beside the
    repository. Test data only: nothing at run time reads it."""
    folder = Path(settings.BASE_DIR).parent / "shared" / "standards" / "hsds-3.0"
    if not (folder / "examples").is_dir():
        pytest.fail(f"The HSDS specification copy is missing: {folder}", pytrace=False)
    return folder


def examples_dir() -> Path:
    return specification_dir() / "examples"


def example(name: str) -> dict:
    return json.loads((examples_dir() / name).read_text(encoding="utf-8"))


def assert_valid(kind: str, obj: dict, where: str = "") -> None:
    problems = schema.validate(kind, obj)
    assert not problems, f"{where or kind} {obj.get('id', '')}: {problems}"

"""Shared helpers of the hsds tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quartier.hsds import schema


def require_schemas() -> Path:
    """The schema folder; the test fails (never skips) with the reason when the
    specification's files are missing (CI always has ../shared)."""
    reason = schema.missing_reason()
    if reason:
        pytest.fail(reason, pytrace=False)
    return schema.schema_dir()


def examples_dir() -> Path:
    return require_schemas().parent / "examples"


def example(name: str) -> dict:
    return json.loads((examples_dir() / name).read_text(encoding="utf-8"))


def assert_valid(kind: str, obj: dict, where: str = "") -> None:
    problems = schema.validate(kind, obj)
    assert not problems, f"{where or kind} {obj.get('id', '')}: {problems}"

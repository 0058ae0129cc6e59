"""Validation against the Open Referral HSDS 3.0 JSON schemas.

The schema files are read unchanged from settings.HSDS_SCHEMA_DIR (default: the copy
shipped in this package, ``quartier/hsds/specification/schema``, with its CC BY-SA
licence; a relative setting is resolved against settings.BASE_DIR). They reference
each other by bare file name (``"$ref": "phone.json"``) and declare no ``$schema``,
so they are registered in a ``referencing.Registry`` under their file names and
checked with the 2020-12 validator explicitly. Formats (uuid, email, …) are
asserted too: the specification says every id is a UUID.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# The kinds Quartier reads and writes; each is "<kind>.json" in the schema folder.
KINDS = (
    "service",
    "organization",
    "location",
    "service_at_location",
    "taxonomy",
    "taxonomy_term",
    "attribute",
    "phone",
    "contact",
    "schedule",
    "language",
    "address",
    "service_area",
    "accessibility",
)


# The copy of the specification's schemas that ships with Quartier (package data).
SHIPPED_DIR = Path(__file__).resolve().parent / "specification" / "schema"


def schema_dir() -> Path:
    """The folder that holds the HSDS schema files (may not exist)."""
    configured = getattr(settings, "HSDS_SCHEMA_DIR", None)
    if configured:
        path = Path(configured)
        if not path.is_absolute():
            path = Path(settings.BASE_DIR) / path
    else:
        path = SHIPPED_DIR
    return path.resolve()


def missing_reason() -> str | None:
    """Why validation cannot run here, or None when the schemas are there."""
    folder = schema_dir()
    if not (folder / "service.json").is_file():
        return (
            f"The HSDS 3.0 schema files are missing: {folder}/service.json does not "
            "exist. Set HSDS_SCHEMA_DIR to the folder with the specification's "
            f"schema/*.json files, or leave it unset for the copy in {SHIPPED_DIR}."
        )
    return None


@cache
def _load(folder: str) -> tuple[dict[str, dict], Registry]:
    schemas: dict[str, dict] = {}
    for file in sorted(Path(folder).glob("*.json")):
        if file.name == "openapi.json":
            continue
        schemas[file.name] = json.loads(file.read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )
    return schemas, registry


def schemas() -> dict[str, dict]:
    reason = missing_reason()
    if reason:
        raise ImproperlyConfigured(reason)
    return _load(str(schema_dir()))[0]


@cache
def _validator(folder: str, kind: str) -> Draft202012Validator:
    loaded, registry = _load(folder)
    try:
        schema = loaded[f"{kind}.json"]
    except KeyError as exc:
        raise ValueError(f"Unknown HSDS kind: {kind}") from exc
    return Draft202012Validator(
        schema,
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def validator(kind: str) -> Draft202012Validator:
    schemas()  # raises a clear error when the folder is missing
    return _validator(str(schema_dir()), kind)


def _path(error: Any) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts)


def errors(kind: str, obj: Any) -> list[tuple[str, str]]:
    """Schema violations of `obj` as `kind`: (dotted path, message) pairs."""
    found = sorted(
        validator(kind).iter_errors(obj), key=lambda e: [str(p) for p in e.path]
    )
    return [(_path(error), error.message) for error in found]


def validate(kind: str, obj: Any) -> list[str]:
    """All schema violations of `obj` as `kind` ("service", …): "path: message"."""
    return [
        f"{path}: {message}" if path else message for path, message in errors(kind, obj)
    ]


def openapi() -> dict:
    """The specification's openapi.json (for /<slug>/hsds/openapi.json)."""
    reason = missing_reason()
    if reason:
        raise ImproperlyConfigured(reason)
    return json.loads((schema_dir() / "openapi.json").read_text(encoding="utf-8"))

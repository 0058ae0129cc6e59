"""Validation against the OParl 1.1 JSON schemas shipped in this package
(`specification/schema/`, CC BY-SA 4.0, see its README).

The schemas declare no `$schema` and use OParl's own annotations (`references`,
`backreference`, `cardinality`, and `"schema": "File.json"` for embedded
objects), which JSON Schema ignores. So embedded objects are checked on their
own: `problems(obj)` walks an object and every object embedded in it and checks
each against the schema of its `type`. The formats `url`, `date` and
`date-time` are asserted (a url is absolute http(s)).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime
from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent / "specification" / "schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
KINDS = (
    "System",
    "Body",
    "LegislativeTerm",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Paper",
    "Consultation",
    "File",
    "Location",
)
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")

formats = FormatChecker(formats=())


@formats.checks("url")
def _is_url(value: object) -> bool:
    return not isinstance(value, str) or bool(_URL.match(value))


@formats.checks("date")
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return parse_date(value) is not None
    except ValueError:
        return False


@formats.checks("date-time")
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return False
    # OParl requires a time zone on every date-time.
    return parsed is not None and parsed.tzinfo is not None


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=formats)


def kind_of(obj: Any) -> str | None:
    """The OParl type name of an object ("Paper"), or None if it has no known type
    of OParl 1.1 (1.0 types are accepted as the same kind)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        return None
    name = obj["type"].rsplit("/", 1)[-1]
    if obj["type"] in (TYPE_PREFIX + name, f"https://schema.oparl.org/1.0/{name}"):
        return name if name in KINDS else None
    return None


def _embedded(obj: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for value in obj.values():
        candidates = value if isinstance(value, list) else [value]
        for candidate in candidates:
            if isinstance(candidate, dict) and "type" in candidate:
                yield candidate


def _optional(error: Any) -> bool:
    """A `required` error about a property other than id and type."""
    return not any(f"'{name}'" in error.message for name in ("id", "type"))


def problems(obj: Any, kind: str | None = None, *, lenient: bool = False) -> list[str]:
    """Everything wrong with `obj` (and the objects embedded in it) by the schemas;
    `kind` is the type the object must have.

    `lenient` (the importer): a missing property other than `id` and `type` is
    no problem — council systems and even the specification's own examples leave
    some out (an AgendaItem without `order`); a property of the wrong type or
    format still is."""
    found = kind_of(obj)
    if found is None or (kind and found != kind):
        wanted = kind or "an OParl 1.1 object"
        return [
            f"not {wanted} (type {obj.get('type') if isinstance(obj, dict) else obj!r})"
        ]
    errors = [
        f"{'/'.join(str(p) for p in error.absolute_path) or found}: {error.message}"
        for error in validator(found).iter_errors(obj)
        if not (lenient and error.validator == "required" and _optional(error))
    ]
    for inner in _embedded(obj):
        if kind_of(inner) is not None:
            errors.extend(problems(inner, lenient=lenient))
    return errors

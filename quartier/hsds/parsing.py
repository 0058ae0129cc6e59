"""Reading an uploaded file into import records (docs/hsds.md, "Import").

A record is one HSDS object to import (a service, an organisation, a location or a
taxonomy term), with a label that names where it came from ("Zeile 4",
"services[2]"), so that every message can name the row. CSV rows of Quartier's
template become HSDS services here; the import itself only knows HSDS.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quartier.hsds.serializers import derived_id

KINDS = ("organization", "location", "taxonomy", "taxonomy_term", "service")
# Keys of the document shape (export.json) → kind of their items.
LIST_KEYS = {
    "organizations": "organization",
    "locations": "location",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "services": "service",
}


class ParseError(Exception):
    """The file as a whole cannot be read (not JSON, too deep or too large, no
    rows, …)."""


# ---------------------------------------------------------------------------
# Limits (docs/hsds.md, "Limits"; docs/security.md, "HSDS import"): a file is
# measured before it is parsed further, so that no upload can exhaust the stack,
# the memory or the time of a worker.


def max_depth() -> int:
    """How deeply objects and lists may nest (HSDS itself needs about 12)."""
    return int(getattr(settings, "HSDS_IMPORT_MAX_DEPTH", 32))


def max_values() -> int:
    """How many JSON values (objects, lists, texts, numbers, …) a file may hold."""
    return int(getattr(settings, "HSDS_IMPORT_MAX_VALUES", 1_000_000))


def max_containers() -> int:
    """How many objects and lists a file may hold (the costly values: a Python dict
    takes some 200 bytes)."""
    return int(getattr(settings, "HSDS_IMPORT_MAX_CONTAINERS", 250_000))


def max_records() -> int:
    """How many entries (offerings, organisations, places, terms; CSV rows) one
    import may hold."""
    return int(getattr(settings, "HSDS_IMPORT_MAX_RECORDS", 5_000))


# Texts are skipped (brackets and commas inside them are text): escapes are taken
# out first, so that every remaining quote opens or closes a text, then the texts of
# one chunk at a time (a whole 10 MB file at once would make millions of pieces).
_TEXT = re.compile(rb'"[^"]*"')
_BRACKET = re.compile(rb"[\[\]{}]")
CHUNK = 256 * 1024
# Integers longer than this are out of any range HSDS uses (and Python refuses to
# read more than 4,300 digits).
MAX_INT_DIGITS = 18


def _skeletons(content: bytes) -> Iterator[bytes]:
    """The file without its texts, in chunks: only structure and numbers remain."""
    plain = content.replace(b"\\\\", b"").replace(b'\\"', b"")
    start, size = 0, len(plain)
    while start < size:
        end = min(size, start + CHUNK)
        if plain.count(b'"', start, end) % 2:  # the chunk ends inside a text
            close = plain.find(b'"', end)
            end = size if close < 0 else close + 1
        yield _TEXT.sub(b"", plain[start:end])
        start = end


def _too_many(message: str, limit: int) -> ParseError:
    return ParseError(message % {"limit": f"{limit:,}".replace(",", ".")})


def measure_json(content: bytes) -> None:
    """Refuse JSON that nests deeper or holds more values, objects and lists than
    the limits allow, before json.loads builds it (deep nesting exhausts the stack,
    many tiny values the memory)."""
    values = 1  # every value but the first follows a comma or a colon
    brackets = depth = 0
    most_values, most_brackets, deepest = (
        max_values(),
        2 * max_containers(),
        max_depth(),
    )
    for skeleton in _skeletons(content):
        values += skeleton.count(b",") + skeleton.count(b":")
        if values > most_values:
            raise _too_many(
                _(
                    "The file holds more than %(limit)s values; split it into "
                    "smaller files."
                ),
                most_values,
            )
        brackets += sum(skeleton.count(b) for b in (b"[", b"]", b"{", b"}"))
        if brackets > most_brackets:
            raise _too_many(
                _(
                    "The file holds more than %(limit)s objects and lists; split it "
                    "into smaller files."
                ),
                max_containers(),
            )
        for match in _BRACKET.finditer(skeleton):
            if match.group() in (b"[", b"{"):
                depth += 1
                if depth > deepest:
                    raise ParseError(
                        _(
                            "Objects and lists in the file are nested more than "
                            "%(limit)s levels deep."
                        )
                        % {"limit": deepest}
                    )
            else:
                depth -= 1


class BadNumber:
    """A number JSON can write but Quartier cannot keep (NaN, Infinity, 1e400, an
    integer of thousands of digits): reported as an error of its row and field."""

    def __init__(self, text: str):
        self.text = text[:40]

    def __repr__(self) -> str:
        return self.text


def _parse_float(text: str) -> float | BadNumber:
    value = float(text)
    return value if math.isfinite(value) else BadNumber(text)


def _parse_int(text: str) -> int | BadNumber:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return BadNumber(text)
    return int(text)


def load_json(content: bytes) -> Any:
    """The document of a JSON file, within the limits (ParseError otherwise)."""
    measure_json(content)
    try:
        text = content.decode("utf-8-sig")
        return json.loads(
            text,
            parse_float=_parse_float,
            parse_int=_parse_int,
            parse_constant=BadNumber,
            object_pairs_hook=_object_without_empty,
        )
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(
            _("The file is not valid JSON: %(error)s") % {"error": exc}
        ) from exc
    except RecursionError as exc:  # measure_json keeps well below the stack
        raise ParseError(
            _("Objects and lists in the file are nested too deeply.")
        ) from exc


def bad_numbers(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(dotted path, text) of every BadNumber in a parsed record."""
    if isinstance(value, BadNumber):
        return [(path, value.text)]
    prefix = f"{path}." if path else ""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)  # type: ignore[assignment]
    else:
        return []
    found = []
    for key, item in items:
        found.extend(bad_numbers(item, f"{prefix}{key}"))
    return found


def check_record_count(count: int) -> None:
    if count > max_records():
        raise ParseError(
            ngettext(
                "The file holds %(count)s entries; one import takes at most "
                "%(limit)s entry. Split it into smaller files.",
                "The file holds %(count)s entries; one import takes at most "
                "%(limit)s entries. Split it into smaller files.",
                max_records(),
            )
            % {"count": count, "limit": max_records()}
        )


@dataclass
class Issue:
    row: str
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"row": self.row, "field": self.field, "message": str(self.message)}


@dataclass
class Record:
    label: str
    kind: str
    data: dict[str, Any]
    # For CSV rows: HSDS path prefix → column name, to name the column in messages.
    columns: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def field_name(self, path: str) -> str:
        for prefix, column in self.columns.items():
            if path == prefix or path.startswith(prefix + "."):
                return column
        return path


# ---------------------------------------------------------------------------
# JSON


def guess_kind(obj: dict[str, Any]) -> str:
    if "status" in obj:
        return "service"
    if "location_type" in obj or "addresses" in obj:
        return "location"
    if "service" in obj and isinstance(obj["service"], dict):
        return "service_at_location"
    if "code" in obj or "taxonomy" in obj or "taxonomy_id" in obj or "term_uri" in obj:
        return "taxonomy_term"
    if "services" in obj or "website" in obj or "organization_identifiers" in obj:
        return "organization"
    if "version" in obj and "name" in obj:
        return "taxonomy"
    return "organization" if "description" in obj else "service"


def _from_service_at_location(obj: dict[str, Any]) -> dict[str, Any]:
    """A service_at_location with its service → the service with that place."""
    service = dict(obj["service"])
    sal = {k: v for k, v in obj.items() if k != "service"}
    service["service_at_locations"] = [*service.get("service_at_locations", []), sal]
    return service


def _items(kind: str, items: Any, prefix: str) -> list[Record]:
    if not isinstance(items, list):
        raise ParseError(_("“%(key)s” must be a list.") % {"key": prefix})
    check_record_count(len(items))  # before a record is made of each
    records = []
    for index, item in enumerate(items):
        label = f"{prefix}[{index}]"
        if not isinstance(item, dict):
            records.append(
                Record(
                    label,
                    kind,
                    {},
                    issues=[Issue(label, "", _("This is not a JSON object."))],
                )
            )
            continue
        records.extend(_object(item, label, kind))
    return records


def _object(obj: dict[str, Any], label: str, kind: str | None = None) -> list[Record]:
    kind = kind or guess_kind(obj)
    if kind == "service_at_location":
        return [Record(label, "service", _from_service_at_location(obj))]
    if kind == "service" and isinstance(obj.get("service"), dict):
        return [Record(label, "service", _from_service_at_location(obj))]
    return [Record(label, kind, obj)]


def _tabular(doc: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The tabular (CSV data package as JSON) form → nested objects."""

    from quartier.hsds import schema

    types = {
        loaded.get("path"): {
            key: prop.get("type") for key, prop in loaded.get("properties", {}).items()
        }
        for loaded in schema.schemas().values()
    }

    def typed(table: str, row: dict[str, Any]) -> dict[str, Any]:
        # Cells of a CSV table are text; where the schema wants text, numbers that
        # a converter typed are turned back into text.
        kinds = types.get(table, {})
        return {
            k: str(v) if kinds.get(k) == "string" and isinstance(v, int | float) else v
            for k, v in row.items()
        }

    def rows(name: str) -> list[dict[str, Any]]:
        value = doc.get(name) or []
        return [typed(name, dict(r)) for r in value if isinstance(r, dict)]

    by_service: dict[str, dict[str, list]] = {}
    by_location: dict[str, dict[str, list]] = {}
    by_contact: dict[str, list] = {}

    def add(target: dict[str, dict[str, list]], key: str, name: str, row: dict) -> None:
        target.setdefault(key, {}).setdefault(name, []).append(row)

    for phone in rows("phones.csv"):
        if phone.get("contact_id"):
            by_contact.setdefault(phone["contact_id"], []).append(phone)
        elif phone.get("service_id"):
            add(by_service, phone["service_id"], "phones", phone)
        elif phone.get("location_id"):
            add(by_location, phone["location_id"], "phones", phone)
    for contact in rows("contacts.csv"):
        contact_phones = by_contact.get(contact.get("id", ""), [])
        if contact_phones:
            contact["phones"] = contact_phones
        if contact.get("service_id"):
            add(by_service, contact["service_id"], "contacts", contact)
        elif contact.get("location_id"):
            add(by_location, contact["location_id"], "contacts", contact)
    for table, name in (
        ("schedules.csv", "schedules"),
        ("languages.csv", "languages"),
    ):
        for row in rows(table):
            if row.get("service_id"):
                add(by_service, row["service_id"], name, row)
            elif row.get("location_id"):
                add(by_location, row["location_id"], name, row)
    for row in rows("service_areas.csv"):
        add(by_service, row.get("service_id", ""), "service_areas", row)
    for row in rows("addresses.csv"):
        add(by_location, row.get("location_id", ""), "addresses", row)
    for row in rows("accessibility.csv"):
        add(by_location, row.get("location_id", ""), "accessibility", row)
    terms = {t.get("id"): t for t in rows("taxonomy_terms.csv")}
    for row in rows("attributes.csv"):
        term = terms.get(row.get("taxonomy_term_id"))
        if term:
            row["taxonomy_term"] = term
        target = by_location if row.get("link_entity") == "location" else by_service
        add(target, row.get("link_id", ""), "attributes", row)
    locations = {}
    for row in rows("locations.csv"):
        locations[row.get("id")] = {**row, **by_location.get(row.get("id", ""), {})}
    sal_by_service: dict[str, list] = {}
    for row in rows("service_at_location.csv"):
        location = locations.get(row.get("location_id"))
        if location:
            row["location"] = location
        sal_by_service.setdefault(row.get("service_id", ""), []).append(row)
    services = []
    for row in rows("services.csv"):
        sid = row.get("id", "")
        services.append(
            {
                **row,
                **by_service.get(sid, {}),
                "service_at_locations": sal_by_service.get(sid, []),
            }
        )
    return {
        "organizations": rows("organizations.csv"),
        "taxonomy_terms": list(terms.values()),
        "services": services,
    }


def _object_without_empty(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Tabular rows and some exporters send null for empty fields: left out while
    the file is read (no second copy of the document). Keys starting with "_" are
    Quartier's own (the CSV template's extras): a file cannot set them."""
    return {k: v for k, v in pairs if v is not None and not k.startswith("_")}


def parse_json(content: bytes) -> list[Record]:
    doc = load_json(content)
    if isinstance(doc, dict) and any(k.endswith(".csv") for k in doc):
        check_record_count(
            sum(
                len(doc.get(table) or [])
                for table in ("organizations.csv", "locations.csv", "services.csv")
            )
        )
        doc = _tabular(doc)
    records: list[Record] = []
    if (
        isinstance(doc, dict)
        and doc
        and set(doc) <= {"version", "profile", "openapi_url"}
    ):
        raise ParseError(
            _("This is the information document of an HSDS API, not data to import.")
        )
    if isinstance(doc, dict) and "id" in doc:
        records = _object(doc, "1")
    elif isinstance(doc, list):
        records = _items("service", doc, "services")
    elif isinstance(doc, dict) and isinstance(doc.get("contents"), list):
        check_record_count(len(doc["contents"]))
        for index, item in enumerate(doc["contents"]):
            if isinstance(item, dict):
                records.extend(_object(item, f"contents[{index}]"))
    elif isinstance(doc, dict) and any(k in doc for k in LIST_KEYS):
        check_record_count(
            sum(
                len(v) for k, v in doc.items() if k in LIST_KEYS and isinstance(v, list)
            )
        )
        for key, kind in LIST_KEYS.items():
            if key in doc:
                records.extend(_items(kind, doc[key], key))
    check_record_count(len(records))
    # Organisations first, then places and terms, then the services that use them.
    records.sort(key=lambda r: KINDS.index(r.kind) if r.kind in KINDS else 99)
    if not records:
        raise ParseError(
            _(
                "The file contains nothing to import: expected HSDS services, "
                "organizations, locations or taxonomy terms."
            )
        )
    return records


# ---------------------------------------------------------------------------
# CSV template (one row per offering)

CSV_COLUMNS = [
    "id",
    "organization_id",
    "organization_name",
    "service_name",
    "description",
    "status",
    "email",
    "url",
    "phone",
    "fees",
    "application_process",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "location_id",
    "location_name",
    "address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "topics",
    "target_groups",
    "health_layers",
    "languages",
    "neighbourhoods",
    "barrier_free",
    "accessibility",
    "schedule",
]
REQUIRED_COLUMNS = ("organization_name", "service_name")
CSV_EXAMPLE = {
    "organization_name": "Sportverein Sonnenberg e.V.",
    "service_name": "Bewegungstreff für Ältere",
    "description": "Sanfte Gymnastik und Spaziergänge in der Gruppe.",
    "status": "active",
    "email": "info@sv-sonnenberg.example",
    "url": "https://sv-sonnenberg.example/bewegungstreff",
    "phone": "07000 123456",
    "location_name": "Bürgerhaus Sonnenberg",
    "address": "Am Sonnenberg 12",
    "postal_code": "70000",
    "city": "Musterstadt",
    "latitude": "48.7801",
    "longitude": "9.1802",
    "topics": "bewegung|begegnung",
    "target_groups": "aeltere",
    "languages": "de|tr",
    "neighbourhoods": "sonnenberg",
    "barrier_free": "ja",
    "schedule": "TU,TH 10:00-11:30",
}
CSV_HEADER_COMMENT = (
    "# Vorlage für den Import von Angeboten in Quartier (eine Zeile je Angebot). "
    "Pflicht: organization_name, service_name. Mehrere Werte mit | trennen. "
    "Zeilen, die mit # beginnen, werden übersprungen. Beschreibung: docs/hsds.md"
)

STATUS_WORDS = {
    "active": "active",
    "aktiv": "active",
    "inactive": "inactive",
    "inaktiv": "inactive",
    "defunct": "defunct",
    "eingestellt": "defunct",
    "temporarily closed": "temporarily closed",
    "vorübergehend geschlossen": "temporarily closed",
}
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "1", "x", "wahr"}
FALSE_WORDS = {"nein", "n", "no", "false", "0", "falsch"}
TIME_RANGE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


def template_csv() -> str:
    """The downloadable template: comment line, header, one example row."""
    out = io.StringIO()
    out.write(CSV_HEADER_COMMENT + "\r\n")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(CSV_EXAMPLE)
    return out.getvalue()


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[|]", value or "") if p.strip()]


def parse_schedule(text: str) -> list[dict[str, Any]]:
    """ "MO,TU 14:00-16:00; 1FR 09:00-12:00" → HSDS schedules (ValueError)."""
    schedules = []
    for part in [p.strip() for p in (text or "").split(";") if p.strip()]:
        days, _sep, hours = part.partition(" ")
        match = TIME_RANGE.match(hours.strip())
        codes = [d.strip().upper() for d in days.split(",") if d.strip()]
        if (
            not match
            or not codes
            or not all(
                re.fullmatch(r"-?[1-5]?(MO|TU|WE|TH|FR|SA|SU)", c) for c in codes
            )
        ):
            raise ValueError(part)
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
            raise ValueError(part)
        monthly = any(c[0].isdigit() or c[0] == "-" for c in codes)
        schedules.append(
            {
                "freq": "MONTHLY" if monthly else "WEEKLY",
                "byday": ",".join(codes),
                "opens_at": f"{h1:02d}:{m1:02d}:00",
                "closes_at": f"{h2 % 24:02d}:{m2:02d}:00",
            }
        )
    return schedules


def _number(value: str) -> float:
    number = float(value.strip().replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def csv_row_to_service(
    row: dict[str, str], label: str, municipality_slug: str
) -> Record:
    """One template row → a Record with an HSDS service."""
    issues: list[Issue] = []
    get = {k: (row.get(k) or "").strip() for k in CSV_COLUMNS}

    def problem(column: str, message: str) -> None:
        issues.append(Issue(label, column, message))

    for column in REQUIRED_COLUMNS:
        if not get[column]:
            problem(column, _("This column must not be empty."))
    org_name = get["organization_name"]
    service_id = get["id"] or derived_id(
        municipality_slug, "csv-service", org_name.lower(), get["service_name"].lower()
    )
    status = get["status"].lower() or "active"
    if status not in STATUS_WORDS:
        problem(
            "status",
            _(
                "Unknown status “%(value)s”: use active, inactive, defunct or temporarily closed."
            )
            % {"value": get["status"]},
        )
    service: dict[str, Any] = {
        "id": service_id,
        "name": get["service_name"],
        "status": STATUS_WORDS.get(status, status),
        "description": get["description"],
        "email": get["email"],
        "url": get["url"],
        "fees_description": get["fees"],
        "application_process": get["application_process"],
        "eligibility_description": get["eligibility"],
        "organization_id": get["organization_id"],
    }
    for column, key in (("minimum_age", "minimum_age"), ("maximum_age", "maximum_age")):
        if get[column]:
            try:
                service[key] = int(get[column])
            except ValueError:
                problem(column, _("Enter a whole number."))
    if get["phone"]:
        service["phones"] = [
            {"id": derived_id(service_id, "phone"), "number": get["phone"]}
        ]
    if get["languages"]:
        service["languages"] = [
            {"id": derived_id(service_id, "language", code), "code": code.lower()}
            for code in _split(get["languages"])
        ]
    if get["schedule"]:
        try:
            service["schedules"] = [
                {"id": derived_id(service_id, "schedule", i), **s}
                for i, s in enumerate(parse_schedule(get["schedule"]))
            ]
        except ValueError as exc:
            problem(
                "schedule",
                _(
                    "“%(value)s” is not a schedule; write e.g. "
                    "“MO,TU 14:00-16:00; 1FR 09:00-12:00”."
                )
                % {"value": exc},
            )
    # Codes of the directory's terms and Quartier's own fields, resolved by the
    # import (which names the column when a code is unknown).
    extra: dict[str, Any] = {
        column: [c.lower() for c in _split(get[column])]
        for column in ("topics", "target_groups", "health_layers", "neighbourhoods")
    }
    extra["organization_name"] = org_name
    extra["free_of_charge"] = not get["fees"]
    extra["accessibility"] = get["accessibility"]
    if get["barrier_free"]:
        if get["barrier_free"].lower() in TRUE_WORDS | FALSE_WORDS:
            extra["barrier_free"] = get["barrier_free"].lower() in TRUE_WORDS
        else:
            problem("barrier_free", _("Write “ja” or “nein”."))
    service["_quartier"] = extra
    if get["location_name"] or get["address"]:
        location: dict[str, Any] = {
            "id": get["location_id"]
            or derived_id(
                municipality_slug,
                "csv-location",
                (get["location_name"] or get["address"]).lower(),
                get["address"].lower(),
                get["postal_code"],
            ),
            "location_type": "physical",
            "name": get["location_name"] or get["address"],
        }
        for column in ("latitude", "longitude"):
            if get[column]:
                try:
                    location[column] = _number(get[column])
                except ValueError:
                    problem(column, _("Enter a number, e.g. 48.7801."))
        if get["address"]:
            location["addresses"] = [
                {
                    "id": derived_id(location["id"], "address"),
                    "address_1": get["address"],
                    "city": get["city"],
                    "postal_code": get["postal_code"],
                    "state_province": "",
                    "country": "DE",
                    "address_type": "physical",
                }
            ]
        service["service_at_locations"] = [
            {"id": derived_id(service_id, "at", location["id"]), "location": location}
        ]
    service = {k: v for k, v in service.items() if v not in ("", None, [])}
    columns = {
        "name": "service_name",
        "organization.name": "organization_name",
        "organization.id": "organization_id",
        "organization_id": "organization_id",
        "fees_description": "fees",
        "eligibility_description": "eligibility",
        "phones": "phone",
        "schedules": "schedule",
        "languages": "languages",
        "service_at_locations.0.location.latitude": "latitude",
        "service_at_locations.0.location.longitude": "longitude",
        "service_at_locations.0.location.addresses.0.postal_code": "postal_code",
        "service_at_locations.0.location.addresses.0.city": "city",
        "service_at_locations.0.location.addresses": "address",
        "service_at_locations.0.location.id": "location_id",
        "service_at_locations.0.location": "location_name",
    }
    return Record(label, "service", service, columns=columns, issues=issues)


def parse_csv(content: bytes, municipality_slug: str) -> list[Record]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    # Read line by line (never a list of all lines: a file of many tiny rows would
    # fill the memory before the row limit is reached).
    stream = io.StringIO(text)
    # Leading comment and blank lines (the template's note) are skipped but counted,
    # so that row numbers are the ones a spreadsheet shows.
    skipped = 0
    header_line = stream.readline()
    while header_line and (not header_line.strip() or header_line.startswith("#")):
        skipped += 1
        header_line = stream.readline()
    if not header_line:
        raise ParseError(_("The file is empty."))
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(
        itertools.chain([header_line], stream), delimiter=delimiter, strict=False
    )
    records = []
    try:
        header = [h.strip().lower() for h in next(reader)]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise ParseError(
                _("Columns missing in the header: %(columns)s (see the template).")
                % {"columns": ", ".join(missing)}
            )
        for values in reader:
            number = skipped + reader.line_num
            if not any(v.strip() for v in values) or values[0].startswith("#"):
                continue
            label = _("Row %(number)s") % {"number": number}
            if len(values) > len(header):
                message = _("This row has more values than the header has columns.")
                records.append(
                    Record(label, "service", {}, issues=[Issue(label, "", message)])
                )
                continue
            row = dict(zip(header, values, strict=False))
            records.append(csv_row_to_service(row, label, municipality_slug))
            check_record_count(len(records))
    except csv.Error as exc:
        raise ParseError(
            _("The file is not a readable CSV file: %(error)s") % {"error": exc}
        ) from exc
    if not records:
        raise ParseError(_("The file has a header but no rows."))
    return records


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True

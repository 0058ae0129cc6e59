"""Writes of the hsds app: importing HSDS records into the directory (docs/hsds.md).

All or nothing: every record is first checked against the HSDS schemas (and the
rules of the CSV template), then everything is written inside one transaction
through the directory's and the actors' services (their rules apply); any error
rolls the whole import back. Every message names the row and the field.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartier.actors.models import Actor
from quartier.actors.services import actor_save
from quartier.core import pagecache
from quartier.core.models import Municipality, Neighborhood
from quartier.core.services import ensure_allowed, record_action
from quartier.directory import services as directory
from quartier.directory.models import (
    LANGUAGE_NAMES,
    Contact,
    Location,
    MeetingPlaceKind,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)
from quartier.hsds import schema
from quartier.hsds import serializers as ser
from quartier.hsds.models import OrganizationLink
from quartier.hsds.parsing import Issue, Record, bad_numbers

logger = logging.getLogger(__name__)

# Quartier field → HSDS field, to name the HSDS field in messages.
FIELD_NAMES = {
    "fee_description": "fees_description",
    "provider": "organization",
    "owner": "organization_id",
    "free_of_charge": "attributes",
    "terms": "attributes",
    "neighborhoods": "attributes",
    "neighborhood": "attributes",
    "barrier_free": "attributes",
    "address_1": "addresses",
    "postal_code": "addresses",
    "city": "addresses",
    "country": "addresses",
    "byday": "schedules",
    "bymonthday": "schedules",
    "freq": "schedules",
    "valid_to": "schedules",
    "__all__": "",
}
OUR_TAXONOMIES = {Taxonomy.TOPIC, Taxonomy.TARGET_GROUP, Taxonomy.HEALTH_LAYER}
CSV_TAXONOMY_COLUMNS = {
    "topics": Taxonomy.TOPIC,
    "target_groups": Taxonomy.TARGET_GROUP,
    "health_layers": Taxonomy.HEALTH_LAYER,
}


# An import keeps its first problems and notes and counts the rest: a file of many
# broken rows must not become a status page of many megabytes.
MAX_ISSUES = 100


@dataclass
class ImportResult:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    summary: dict[str, dict[str, int]] = field(default_factory=dict)
    error_count: int = 0
    warning_count: int = 0
    _seen_warnings: set[tuple[str, str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.error_count = max(self.error_count, len(self.errors))
        self.warning_count = max(self.warning_count, len(self.warnings))

    @property
    def ok(self) -> bool:
        return not self.error_count

    def add_error(self, issue: Issue) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ISSUES:
            self.errors.append(issue)

    def add_warning(self, issue: Issue) -> None:
        key = (issue.row, issue.field, str(issue.message))
        if key in self._seen_warnings:
            return
        self._seen_warnings.add(key)
        self.warning_count += 1
        if len(self.warnings) < MAX_ISSUES:
            self.warnings.append(issue)

    def count(self, kind: str, created: bool) -> None:
        entry = self.summary.setdefault(kind, {"created": 0, "updated": 0})
        entry["created" if created else "updated"] += 1


class _Rollback(Exception):
    pass


class _Unchanged(Exception):
    """An entry whose import changed nothing: its writes are rolled back, so its
    time of change (HSDS last_modified) and its history stay as they were."""


class RecordError(Exception):
    """One or more problems of the current record: (HSDS path, message) pairs."""

    def __init__(self, field_name: str, message: str, *more: tuple[str, str]):
        super().__init__(message)
        self.problems = [(field_name, message), *more]


def _private_free(value: Any) -> Any:
    """The record without Quartier's private keys (they start with "_")."""
    if isinstance(value, dict):
        return {
            k: _private_free(v) for k, v in value.items() if not str(k).startswith("_")
        }
    if isinstance(value, list):
        return [_private_free(v) for v in value]
    return value


def check_records(records: Sequence[Record]) -> list[Issue]:
    """Schema and template checks of every record (no database writes)."""
    issues: list[Issue] = []
    for record in records:
        issues.extend(record.issues)
        bad = bad_numbers(record.data)
        for path, text in bad:
            issues.append(
                Issue(
                    record.label,
                    record.field_name(path),
                    _(
                        "“%(value)s” is not a number Quartier can keep: use a "
                        "finite number of at most 18 digits."
                    )
                    % {"value": text},
                )
            )
        if bad:
            continue  # the schema would only repeat these fields as "not a number"
        if record.data and record.kind in schema.KINDS:
            data = _private_free(record.data)
            for path, message in schema.errors(record.kind, data):
                issues.append(Issue(record.label, record.field_name(path), message))
            if record.kind == "organization":
                for index, item in enumerate(data.get("services") or []):
                    for path, message in schema.errors("service", item):
                        issues.append(
                            Issue(record.label, f"services.{index}.{path}", message)
                        )
    return issues


def import_records(
    *,
    by: Any,
    municipality: Municipality,
    records: Sequence[Record],
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import `records` into `municipality` (coordinators): everything or nothing.

    `progress(n)` is called while checking, after every record, so a background
    job can show how far it is (outside the write transaction).
    """
    ensure_allowed(by, "hsds.import", municipality)
    result = ImportResult()
    for index, record in enumerate(records, start=1):
        for issue in check_records([record]):
            result.add_error(issue)
        if progress:
            progress(index)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            importer = _Importer(by=by, municipality=municipality, result=result)
            for record in records:
                importer.run(record)
            if not result.ok:
                raise _Rollback
            record_action(
                by, municipality, "hsds.import", f"{len(records)} HSDS records"
            )
    except _Rollback:
        result.summary = {}
    else:
        pagecache.bump()
    return result


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (FIELD_NAMES.get(name, name), str(message))
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [("", str(message)) for message in exc.messages]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Importer:
    def __init__(self, *, by: Any, municipality: Municipality, result: ImportResult):
        self.by = by
        self.municipality = municipality
        self.result = result
        self.actors: dict[str, Actor] = {}
        self.locations: dict[str, Location] = {}
        self.record = Record("", "", {})
        self.neighborhoods = list(Neighborhood.objects.of(municipality))
        self.context = ser.Context(municipality=municipality)

    # -- bookkeeping --------------------------------------------------------

    def run(self, record: Record) -> None:
        self.record = record
        try:
            with transaction.atomic():
                getattr(self, f"import_{record.kind}")(record.data)
        except RecordError as exc:
            for path, message in exc.problems:
                self.error(path, message)
        except ValidationError as exc:
            for name, message in _messages(exc):
                self.error(name, message)
        except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError):
            # Content of a shape the checks above let through: an error of this
            # entry (the import is rolled back), never a failed request.
            logger.warning("HSDS import: unreadable %s", record.label, exc_info=True)
            self.error("", _("This entry could not be read; check its values."))

    def error(self, path: str, message: str) -> None:
        self.result.add_error(
            Issue(self.record.label, self.record.field_name(path), message)
        )

    def warn(self, path: str, message: str) -> None:
        self.result.add_warning(
            Issue(self.record.label, self.record.field_name(path), message)
        )

    def _own(self, model: Any, pk: str) -> Any:
        """The existing row with this id in this municipality, None if there is
        none; an error if the id is taken in another municipality."""
        obj = model.objects.filter(pk=pk).first()
        if obj is not None and obj.municipality_id != self.municipality.pk:
            raise RecordError(
                "id", _("This id belongs to an entry of another municipality.")
            )
        return obj

    # -- organisations --------------------------------------------------------

    def import_organization(self, data: dict[str, Any]) -> Actor:
        actor = self.actor_for(data, data.get("id"))
        for index, place in enumerate(data.get("locations") or []):
            self.location(place, owner=actor, path=f"locations.{index}")
        for service in data.get("services") or []:
            self.import_service(service, provider=actor)
        return actor

    def actor_for(self, org: dict[str, Any] | None, org_id: Any) -> Actor:
        org = org or {}
        org_id = str(org_id or org.get("id") or "")
        if org_id and org_id in self.actors:
            return self.actors[org_id]
        actor = None
        if org_id:
            links = OrganizationLink.objects.filter(hsds_id=org_id)
            link = links.select_related("actor").first()
            if link is not None and link.municipality_id != self.municipality.pk:
                raise RecordError(
                    "organization_id",
                    _("This id belongs to an entry of another municipality."),
                )
            actor = link.actor if link else None
            if actor is None:
                from quartier.hsds.views.api import actor_for_organization_id

                pk = actor_for_organization_id(self.municipality, uuid.UUID(org_id))
                actor = Actor.objects.filter(pk=pk).first() if pk else None
        name = _text(org.get("name"))
        if actor is None and name:
            actor = (
                Actor.objects.of(self.municipality).filter(name__iexact=name).first()
            )
        if actor is None:
            if not name:
                raise RecordError(
                    "organization",
                    _(
                        "The provider is unknown: give the organization with its "
                        "name (or the id of one Quartier knows)."
                    ),
                )
            phones = org.get("phones") or []
            actor = actor_save(
                by=self.by,
                municipality=self.municipality,
                kind="organisation",
                name=name,
                description=_text(org.get("description")),
                website=_text(org.get("website")),
                email=_text(org.get("email")),
                phone=_text(phones[0].get("number")) if phones else "",
            )
            self.result.count("organizations", created=True)
        if org_id and not OrganizationLink.objects.filter(actor=actor).exists():
            OrganizationLink.objects.create(
                municipality=self.municipality, actor=actor, hsds_id=org_id
            )
        if org_id:
            self.actors[org_id] = actor
        return actor

    # -- taxonomies -------------------------------------------------------------

    def taxonomy_key(self, term: dict[str, Any]) -> str | None:
        detail = term.get("taxonomy_detail") or {}
        candidates = {
            str(term.get("taxonomy_id") or ""),
            str(term.get("taxonomy") or "").lower(),
            str(detail.get("id") or ""),
            str(detail.get("name") or "").lower(),
        } - {""}
        for info in ser.TAXONOMIES:
            if candidates & {info.id, info.key, info.name.lower()}:
                return info.key
        return None

    def import_taxonomy(self, data: dict[str, Any]) -> None:
        if self.taxonomy_key(
            {"taxonomy_id": data.get("id"), "taxonomy": data.get("name")}
        ):
            return
        self.warn(
            "name",
            _("Quartier uses its own taxonomies; “%(name)s” was not imported.")
            % {"name": data.get("name", "")},
        )

    def import_taxonomy_term(self, data: dict[str, Any]) -> None:
        key = self.taxonomy_key(data)
        if key is None:
            self.warn(
                "taxonomy",
                _("The term “%(name)s” belongs to a taxonomy Quartier does not use.")
                % {"name": data.get("name", "")},
            )
            return
        if key not in OUR_TAXONOMIES:
            return  # neighbourhoods and fixed terms are Quartier's own
        ensure_allowed(self.by, "directory.add_taxonomyterm", self.municipality)
        term = self._own(TaxonomyTerm, data["id"])
        code = slugify(_text(data.get("code")) or _text(data.get("name")))[:60]
        if term is None:
            term = (
                TaxonomyTerm.objects.of(self.municipality)
                .filter(taxonomy=key, code=code)
                .first()
            )
        created = term is None
        if term is None:
            term = TaxonomyTerm(
                id=data["id"], municipality=self.municipality, taxonomy=key, code=code
            )
        name = _text(data.get("name"))
        description = _text(data.get("description"))
        if description == name:
            description = ""
        if not created and (term.name, term.description) == (name, description):
            return  # unchanged: its time of change stays
        term.name, term.description = name, description
        term.full_clean(validate_constraints=False)
        term.save()
        self.result.count("taxonomy_terms", created=created)

    def term_refs(self, attributes: list[dict[str, Any]], path: str) -> dict[str, Any]:
        """Attributes → the directory terms, neighbourhoods and features they name."""
        found: dict[str, Any] = {"terms": [], "neighborhoods": [], "features": {}}
        terms = {str(t.pk): t for t in TaxonomyTerm.objects.of(self.municipality)}
        by_code = {(t.taxonomy, t.code): t for t in terms.values()}
        places = {
            ser.neighborhood_term_id(self.municipality, n): n
            for n in self.neighborhoods
        }
        places_by_slug = {n.slug: n for n in self.neighborhoods}
        features = {ser.feature_term_id(code): code for code in ser.FEATURES}
        kinds = {ser.meeting_place_term_id(c): c for c in MeetingPlaceKind.values}
        for index, attribute in enumerate(attributes):
            term = attribute.get("taxonomy_term") or {}
            term_id = str(attribute.get("taxonomy_term_id") or term.get("id") or "")
            key = self.taxonomy_key(term) if term else None
            code = _text(term.get("code"))
            value = _text(attribute.get("value"))
            if term_id in terms:
                found["terms"].append(terms[term_id])
            elif term_id in places or (
                key == "neighborhood" and code in places_by_slug
            ):
                found["neighborhoods"].append(
                    places.get(term_id) or places_by_slug[code]
                )
            elif term_id in features or (key == "feature" and code in ser.FEATURES):
                found["features"][features.get(term_id) or code] = value
            elif term_id in kinds or (
                key == "meeting_place" and code in kinds.values()
            ):
                found["features"]["meeting_place"] = kinds.get(term_id) or code
            elif key in OUR_TAXONOMIES and (key, code) in by_code:
                found["terms"].append(by_code[(key, code)])
            else:
                self.warn(
                    f"{path}.{index}",
                    _("The attribute “%(name)s” has no term Quartier knows; dropped.")
                    % {"name": term.get("name") or code or term_id},
                )
        return found

    # -- schedules and contacts ----------------------------------------------------

    def schedules(self, rows: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
        result = []
        for index, row in enumerate(rows):
            values: dict[str, Any] = {
                "freq": row.get("freq") or "WEEKLY",
                "interval": int(row["interval"]) if row.get("interval") else 1,
                "byday": _text(row.get("byday")),
                "bymonthday": _text(row.get("bymonthday")),
                "description": _text(row.get("description"))[:300],
            }
            if values["bymonthday"] and values["freq"] != "MONTHLY":
                self.warn(
                    f"{path}.{index}.bymonthday",
                    _("Days of the month only work with monthly schedules; dropped."),
                )
                values["bymonthday"] = ""
            for name in ("opens_at", "closes_at"):
                raw = _text(row.get(name))
                if raw:
                    try:
                        values[name] = datetime.time.fromisoformat(raw[:8])
                    except ValueError as exc:
                        raise RecordError(
                            f"{path}.{index}.{name}",
                            _("Write the time as HH:MM, e.g. 14:00."),
                        ) from exc
            for name in ("dtstart", "valid_from", "valid_to"):
                raw = _text(row.get(name))
                if raw:
                    day = _date(raw[:10])
                    if day is None:
                        raise RecordError(
                            f"{path}.{index}.{name}",
                            _("Write the date as YYYY-MM-DD."),
                        )
                    values[name] = day
            try:
                directory.clean_schedule_values(dict(values))
            except ValidationError as exc:
                message = _messages(exc)[0][1]
                raise RecordError(f"{path}.{index}", message) from exc
            result.append({**values, "id": _row_id(row)})
        return result

    def contacts(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        rows = []
        for entry in data.get("contacts") or []:
            phones = entry.get("phones") or []
            row = {
                "name": _text(entry.get("name")),
                "title": _text(entry.get("title")),
                "email": _text(entry.get("email")),
                "phone": _text(phones[0].get("number")) if phones else "",
            }
            if any(row.values()):
                rows.append({**row, "id": _row_id(entry)})
        return rows

    def own_row_ids(
        self, model: Any, owner: dict[str, str], rows: Sequence[dict[str, Any]]
    ) -> None:
        """The id each nested row will have: the file's, unless the file gives it
        twice or another entry has it (the specification's own examples reuse ids);
        then one derived from the owner and the file's id, the same on every
        import."""
        seen: set[uuid.UUID] = set()
        for row in rows:
            wanted = row.get("id")
            if wanted is None:
                continue
            if (
                wanted in seen
                or model.objects.filter(pk=wanted).exclude(**owner).exists()
            ):
                row["id"] = uuid.UUID(
                    ser.derived_id(model.__name__, *owner.values(), wanted)
                )
            seen.add(row["id"])

    def keep_row_ids(
        self, model: Any, owner: dict[str, Any], rows: Sequence[dict[str, Any]]
    ) -> None:
        """Give rows the directory created for this import the file's ids (the
        directory keeps the ids of rows it already has; new rows get fresh ones),
        so that an export names them as the file did."""
        current = model.objects.filter(**owner).order_by("position")
        for pk, row in zip(current.values_list("pk", flat=True), rows, strict=False):
            wanted = row.get("id")
            if wanted and pk != wanted and not model.objects.filter(pk=wanted).exists():
                model.objects.filter(pk=pk).update(id=wanted)

    def keep_language_ids(
        self, service: Service, entries: Sequence[dict[str, Any]]
    ) -> None:
        for entry in entries:
            wanted = _row_id(entry)
            code = _text(entry.get("code")).lower()
            if not wanted or ServiceLanguage.objects.filter(pk=wanted).exists():
                continue
            ServiceLanguage.objects.filter(service=service, code=code).update(id=wanted)

    # -- places ------------------------------------------------------------------

    def import_location(self, data: dict[str, Any]) -> Location:
        return self.location(data, owner=None, path="")

    def location(
        self, data: dict[str, Any], *, owner: Actor | None, path: str
    ) -> Location:
        lid = str(data["id"])
        if lid in self.locations:
            return self.locations[lid]
        prefix = f"{path}." if path else ""
        existing = self._own(Location, lid)
        addresses = data.get("addresses") or []
        physical = [a for a in addresses if a.get("address_type") == "physical"]
        address = (physical or addresses or [{}])[0]
        refs = self.term_refs(data.get("attributes") or [], f"{prefix}attributes")
        fields: dict[str, Any] = {
            "name": _text(data.get("name"))
            or _text(address.get("address_1"))
            or _("Place"),
            "description": _text(data.get("description")),
            "address_1": _text(address.get("address_1")),
            "address_2": _text(address.get("address_2")),
            "postal_code": _text(address.get("postal_code")),
            "city": _text(address.get("city")),
            "region": _text(address.get("region")),
            "state_province": _text(address.get("state_province")),
            "country": _text(address.get("country")).upper()[:2] or "DE",
            "transportation": _text(data.get("transportation")),
            "url": _text(data.get("url")),
        }
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if latitude is not None and longitude is not None:
            if -90 <= latitude <= 90 and -180 <= longitude <= 180:
                fields["latitude"] = Decimal(str(round(latitude, 6)))
                fields["longitude"] = Decimal(str(round(longitude, 6)))
            else:
                self.warn(
                    f"{prefix}latitude",
                    _("The coordinates lie outside the earth's range; dropped."),
                )
        accessibility = [
            " ".join(
                p for p in (_text(a.get("description")), _text(a.get("details"))) if p
            )
            for a in data.get("accessibility") or []
        ]
        fields["accessibility"] = "\n".join(a for a in accessibility if a)
        phones = data.get("phones") or []
        fields["phone"] = _text(phones[0].get("number")) if phones else ""
        contacts = self.contacts(data)
        email_only = [
            c
            for c in contacts
            if c["email"] and not (c["name"] or c["title"] or c["phone"])
        ]
        if email_only:
            fields["email"] = email_only[0]["email"]
            contacts = [c for c in contacts if c is not email_only[0]]
        features = refs["features"]
        # Unknown stays unknown: without the attribute a new place is "not stated"
        # (the directory's False) and a known place keeps what it says.
        if "barrierefrei" in features:
            fields["barrier_free"] = _truthy(features["barrierefrei"])
        kind = features.get("meeting_place")
        fields["is_meeting_place"] = bool(kind)
        fields["meeting_place_kind"] = kind or ""
        fields["neighborhood"] = (
            refs["neighborhoods"][0] if refs["neighborhoods"] else None
        )
        if owner is None and data.get("organization_id"):
            owner = self.actors.get(str(data["organization_id"]))
            if owner is None:
                try:
                    owner = self.actor_for(None, data["organization_id"])
                except RecordError:
                    owner = None
        fields["owner"] = owner or (existing.owner if existing else None)
        schedules = self.schedules(data.get("schedules") or [], f"{prefix}schedules")
        self.own_row_ids(Schedule, {"location_id": lid}, schedules)
        self.own_row_ids(Contact, {"location_id": lid}, contacts)
        before = self.snapshot(Location, lid) if existing else None
        try:
            with transaction.atomic():
                location = directory.location_save(
                    by=self.by,
                    municipality=self.municipality,
                    location=existing
                    or Location(id=lid, municipality=self.municipality),
                    schedules=schedules,
                    contacts=contacts,
                    **fields,
                )
                self.keep_row_ids(Schedule, {"location": location}, schedules)
                self.keep_row_ids(Contact, {"location": location}, contacts)
                if before is not None and self.snapshot(Location, lid) == before:
                    raise _Unchanged
        except _Unchanged:
            location = Location.objects.get(pk=lid)
        except ValidationError as exc:
            problems = [
                (f"{prefix}{name}".rstrip("."), message)
                for name, message in _messages(exc)
            ]
            raise RecordError(*problems[0], *problems[1:]) from exc
        else:
            self.result.count("locations", created=existing is None)
        self.locations[lid] = location
        return location

    # -- offerings ------------------------------------------------------------------

    def import_service(
        self, data: dict[str, Any], provider: Actor | None = None
    ) -> None:
        sid = str(data["id"])
        existing = self._own(Service, sid)
        # Taken before anything of this entry is written (its places included).
        before = self.snapshot(Service, sid) if existing else None
        extra = data.get("_quartier")
        if provider is None:
            org = data.get("organization")
            if org is None and extra is not None:
                org = {"name": extra.get("organization_name", "")}
            provider = self.actor_for(org, data.get("organization_id"))
        refs = self.term_refs(data.get("attributes") or [], "attributes")
        terms = list(refs["terms"])
        neighborhoods = list(refs["neighborhoods"])
        features = refs["features"]
        if extra is not None:
            terms += self.csv_terms(extra)
            neighborhoods += self.csv_neighborhoods(extra.get("neighbourhoods", []))
        for area in data.get("service_areas") or []:
            match = [
                n
                for n in self.neighborhoods
                if n.name.lower() == _text(area.get("name")).lower()
            ]
            if match:
                neighborhoods += match
        fees = _text(data.get("fees_description")) or _text(data.get("fees"))
        costs_stated = True  # the CSV template: an empty "fees" means free of charge
        if extra is not None:
            free = bool(extra.get("free_of_charge"))
            barrier_free = extra.get("barrier_free")
            accessibility = extra.get("accessibility", "")
        else:
            free = (
                _truthy(features["kostenlos"]) if "kostenlos" in features else not fees
            )
            costs_stated = "kostenlos" in features or bool(fees)
            barrier_free = (
                _truthy(features["barrierefrei"])
                if "barrierefrei" in features
                else None
            )
            accessibility = features.get("barrierefreiheit", "")
        codes = []
        for index, entry in enumerate(data.get("languages") or []):
            code = _text(entry.get("code")).lower()
            if code in LANGUAGE_NAMES:
                codes.append(code)
            else:
                self.warn(
                    f"languages.{index}" if extra is None else "languages",
                    _("Quartier does not know the language “%(code)s”; dropped.")
                    % {"code": code or entry.get("name", "")},
                )
        contacts = self.contacts(data)
        contacts += [
            {
                "name": "",
                "title": "",
                "email": "",
                "phone": _text(p.get("number")),
                "id": _row_id(p),
            }
            for p in data.get("phones") or []
            if _text(p.get("number"))
        ]
        locations = []
        sal_rows = []
        for index, sal in enumerate(data.get("service_at_locations") or []):
            place = sal.get("location")
            if place:
                location = self.location(
                    place, owner=None, path=f"service_at_locations.{index}.location"
                )
            elif sal.get("location_id"):
                found = self.locations.get(str(sal["location_id"])) or (
                    Location.objects.of(self.municipality)
                    .filter(pk=sal["location_id"])
                    .first()
                )
                if found is None:
                    raise RecordError(
                        f"service_at_locations.{index}.location_id",
                        _("This place is unknown; include the location in the file."),
                    )
                location = found
            else:
                continue
            locations.append(location)
            sal_rows.append((sal, location))
        fields: dict[str, Any] = {
            "provider": provider,
            "name": _text(data.get("name")),
            "description": _text(data.get("description")),
            "url": _text(data.get("url")),
            "email": _text(data.get("email")),
            "status": data.get("status"),
            "free_of_charge": free,
            "fee_description": fees,
            "application_process": _text(data.get("application_process")),
            "eligibility_description": _text(data.get("eligibility_description")),
            "minimum_age": _age(data.get("minimum_age")),
            "maximum_age": _age(data.get("maximum_age")),
        }
        if barrier_free is not None:
            fields["barrier_free"] = barrier_free
        if extra is None and not costs_stated:
            # The file says nothing about costs: a known offering keeps what it
            # says; a new one gets the directory's default, and the import says so.
            if existing is not None:
                del fields["free_of_charge"], fields["fee_description"]
            else:
                self.warn(
                    "fees_description",
                    _(
                        "The file says nothing about costs: the offering is listed "
                        "as free of charge until someone enters its costs."
                    ),
                )
        if accessibility or extra is not None or existing is None:
            fields["accessibility"] = accessibility
        schedules = self.schedules(data.get("schedules") or [], "schedules")
        self.own_row_ids(Schedule, {"service_id": sid}, schedules)
        self.own_row_ids(Contact, {"service_id": sid}, contacts)
        service = existing or Service(id=sid, municipality=self.municipality)
        assured = _date(_text(data.get("assured_date"))[:10])
        if assured:
            service.last_confirmed_at = assured
        try:
            with transaction.atomic():
                service = directory.service_save(
                    by=self.by,
                    municipality=self.municipality,
                    service=service,
                    terms=list(dict.fromkeys(terms)),
                    neighborhoods=list(dict.fromkeys(neighborhoods)),
                    languages=codes,
                    locations=list(dict.fromkeys(locations)),
                    schedules=schedules,
                    contacts=contacts,
                    confirm=False,
                    **fields,
                )
                self.keep_service_at_location_ids(service, sal_rows)
                self.keep_row_ids(Schedule, {"service": service}, schedules)
                self.keep_row_ids(Contact, {"service": service}, contacts)
                self.keep_language_ids(service, data.get("languages") or [])
                if before is not None and self.snapshot(Service, sid) == before:
                    raise _Unchanged
        except _Unchanged:
            return
        self.result.count("services", created=existing is None)

    def snapshot(self, model: Any, pk: str) -> dict[str, Any]:
        """What the API says about an offering or a place, without its time of
        change: equal before and after an import means nothing changed."""
        if model is Service:
            entry = (
                Service.objects.select_related(*ser.SERVICE_SELECT)
                .prefetch_related(*ser.SERVICE_PREFETCH)
                .get(pk=pk)
            )
            data = ser.service(self.context, entry)
        else:
            entry = (
                Location.objects.select_related(*ser.LOCATION_SELECT)
                .prefetch_related(*ser.LOCATION_PREFETCH)
                .get(pk=pk)
            )
            data = ser.location(self.context, entry)
        data.pop("last_modified", None)
        return data

    def keep_service_at_location_ids(
        self, service: Service, rows: list[tuple[dict[str, Any], Location]]
    ) -> None:
        """Give the offering-at-place rows the file's ids and notes."""
        for sal, location in rows:
            row = ServiceAtLocation.objects.get(service=service, location=location)
            wanted = str(sal.get("id") or "")
            changes: dict[str, Any] = {"description": _text(sal.get("description"))}
            if (
                wanted
                and wanted != str(row.pk)
                and not ServiceAtLocation.objects.filter(pk=wanted).exists()
            ):
                changes["id"] = wanted
            ServiceAtLocation.objects.filter(pk=row.pk).update(**changes)

    def csv_terms(self, extra: dict[str, Any]) -> list[TaxonomyTerm]:
        terms = []
        for column, taxonomy in CSV_TAXONOMY_COLUMNS.items():
            codes = extra.get(column) or []
            if not codes:
                continue
            known = {
                t.code: t
                for t in TaxonomyTerm.objects.of(self.municipality).filter(
                    taxonomy=taxonomy
                )
            }
            for code in codes:
                if code not in known:
                    raise RecordError(
                        column,
                        _("Unknown code “%(code)s”; known codes: %(known)s")
                        % {"code": code, "known": ", ".join(sorted(known))},
                    )
                terms.append(known[code])
        return terms

    def csv_neighborhoods(self, codes: list[str]) -> list[Neighborhood]:
        by_slug = {n.slug: n for n in self.neighborhoods}
        by_name = {n.name.lower(): n for n in self.neighborhoods}
        found = []
        for code in codes:
            place = by_slug.get(code) or by_name.get(code.lower())
            if place is None:
                raise RecordError(
                    "neighbourhoods",
                    _("Unknown neighbourhood “%(code)s”; known: %(known)s")
                    % {"code": code, "known": ", ".join(sorted(by_slug))},
                )
            found.append(place)
        return found


def _truthy(value: Any) -> bool:
    """An attribute's value; an attribute without a value means "yes"."""
    return str(value).strip().lower() not in ("false", "0", "nein", "no")


def _row_id(entry: dict[str, Any]) -> uuid.UUID | None:
    """The file's id of a nested row (schedule, contact, phone, language)."""
    try:
        return uuid.UUID(str(entry.get("id") or ""))
    except ValueError:
        return None


def _age(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _date(value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None

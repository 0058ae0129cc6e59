"""Writes of the directory app: offerings, places, their schedules, contacts and
languages, taxonomy terms. Offerings and places are archived, never deleted (their
HSDS ids stay stable and their history readable).

Partners write the offerings of their own actors; coordinators all (rules.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartier.actors.models import Actor, Intensity, Tie, TieKind
from quartier.actors.services import tie_propose, tie_save
from quartier.core.models import Municipality, Neighborhood
from quartier.core.services import ensure_allowed, record_action
from quartier.directory.models import (
    LANGUAGE_NAMES,
    Contact,
    Frequency,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from quartier.directory.opening import parse_byday, parse_monthdays

SERVICE_FIELDS = (
    "provider",
    "name",
    "description",
    "url",
    "email",
    "status",
    "free_of_charge",
    "fee_description",
    "accessibility",
    "barrier_free",
    "application_process",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
)
LOCATION_FIELDS = (
    "name",
    "description",
    "address_1",
    "address_2",
    "postal_code",
    "city",
    "region",
    "state_province",
    "country",
    "latitude",
    "longitude",
    "neighborhood",
    "transportation",
    "accessibility",
    "barrier_free",
    "is_meeting_place",
    "meeting_place_kind",
    "owner",
    "url",
    "email",
    "phone",
)
SCHEDULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "opens_at",
    "closes_at",
    "dtstart",
    "valid_from",
    "valid_to",
    "description",
)
CONTACT_FIELDS = ("name", "title", "email", "phone")
_NULLABLE = {
    "provider",
    "minimum_age",
    "maximum_age",
    "latitude",
    "longitude",
    "neighborhood",
    "owner",
    "opens_at",
    "closes_at",
    "dtstart",
    "valid_from",
    "valid_to",
}


def _assign(obj: Any, allowed: Sequence[str], fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        if value is None and name not in _NULLABLE:
            value = ""
        setattr(obj, name, value)


def _same_municipality(
    field: str, objects: Iterable[Any], municipality: Municipality
) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise ValidationError({field: _("This belongs to another municipality.")})


# ---------------------------------------------------------------------------
# Schedules and contacts (shared by offerings and places)


def normalise_byday(value: str) -> str:
    """ " mo, tu " → "MO,TU"; raises for anything that is not RFC 5545 BYDAY."""
    raw = [p.strip().upper() for p in (value or "").split(",") if p.strip()]
    parsed = parse_byday(",".join(raw))
    if len(parsed) != len(raw):
        raise ValidationError(
            {"byday": _("Use weekday codes like MO, TU, WE (monthly also 1TU, -1FR).")}
        )
    return ",".join(f"{o if o is not None else ''}{c}" for o, c in parsed)


def clean_schedule_values(values: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise one schedule's values (raises ValidationError)."""
    values = {k: v for k, v in values.items() if k in SCHEDULE_FIELDS}
    values.setdefault("freq", Frequency.WEEKLY)
    if values["freq"] not in Frequency.values:
        raise ValidationError({"freq": _("Choose weekly or monthly.")})
    values["interval"] = values.get("interval") or 1
    values["byday"] = normalise_byday(values.get("byday") or "")
    if values["freq"] == Frequency.WEEKLY and any(
        o is not None for o, _c in parse_byday(values["byday"])
    ):
        raise ValidationError(
            {
                "byday": _(
                    "“First Tuesday” and the like only work with monthly schedules."
                )
            }
        )
    monthdays = values.get("bymonthday") or ""
    parsed = parse_monthdays(monthdays)
    if monthdays.strip() and len(parsed) != len(
        [p for p in monthdays.split(",") if p.strip()]
    ):
        raise ValidationError({"bymonthday": _("Use days of the month like 1, 15.")})
    values["bymonthday"] = ",".join(str(d) for d in parsed)
    if values["bymonthday"] and values["freq"] != Frequency.MONTHLY:
        raise ValidationError(
            {"bymonthday": _("Days of the month only work with monthly schedules.")}
        )
    valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("This is before the start.")})
    if values["interval"] > 1 and not values.get("dtstart"):
        # "Every 2 weeks" needs a start to count from.
        values["dtstart"] = valid_from or timezone.localdate()
    values["description"] = values.get("description") or ""
    return values


def _sync_rows(
    model: type[Any],
    owner: dict[str, Any],
    rows: Sequence[dict[str, Any]],
    allowed: Sequence[str],
    clean: Any = None,
) -> None:
    """Make the owner's rows match `rows` (dicts; "id" keeps an existing row)."""
    existing = {obj.pk: obj for obj in model.objects.filter(**owner)}
    keep = set()
    for position, row in enumerate(rows):
        values = {k: v for k, v in row.items() if k in allowed}
        if clean is not None:
            values = clean(values)
        row_id = row.get("id")
        if row_id is not None and not isinstance(row_id, str | int):
            row_id = getattr(row_id, "pk", row_id)
        obj = existing.get(row_id) if row_id else None
        if obj is None:
            obj = model(**owner)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.position = position
        obj.save()
        keep.add(obj.pk)
    for pk, obj in existing.items():
        if pk not in keep:
            obj.delete()


def _sync_schedules(owner: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    _sync_rows(Schedule, owner, rows, SCHEDULE_FIELDS, clean_schedule_values)


def _clean_contact(values: dict[str, Any]) -> dict[str, Any]:
    values = {k: (v or "") for k, v in values.items()}
    if not any(values.get(k) for k in CONTACT_FIELDS):
        raise ValidationError(
            _("A contact needs at least a name, an e-mail or a phone.")
        )
    return values


def _sync_contacts(owner: dict[str, Any], rows: Sequence[dict[str, Any]]) -> None:
    _sync_rows(Contact, owner, rows, CONTACT_FIELDS, _clean_contact)


# ---------------------------------------------------------------------------
# Offerings


@transaction.atomic
def service_save(
    *,
    by: Any,
    municipality: Municipality,
    service: Service | None = None,
    terms: Iterable[TaxonomyTerm] | None = None,
    languages: Iterable[str] | None = None,
    neighborhoods: Iterable[Neighborhood] | None = None,
    locations: Iterable[Location] | None = None,
    schedules: Sequence[dict[str, Any]] | None = None,
    contacts: Sequence[dict[str, Any]] | None = None,
    confirm: bool = True,
    **fields: Any,
) -> Service:
    """Create an offering in `municipality`, or change `service`.

    Partners may only name an actor they are a member of as provider. Saving counts
    as a confirmation that the entry is current (`last_confirmed_at` = today) unless
    `confirm=False`. Relations given as None stay as they are.
    """
    if service is None:
        ensure_allowed(by, "directory.add_service", municipality)
        service = Service(municipality=municipality)
    else:
        ensure_allowed(by, "directory.change_service", service)
        if service.municipality_id != municipality.pk:
            raise ValidationError(_("This belongs to another municipality."))
    _assign(service, SERVICE_FIELDS, fields)
    provider = service.provider if service.provider_id else None
    if provider is None:
        raise ValidationError({"provider": _("Choose the actor who offers this.")})
    _same_municipality("provider", [provider], municipality)
    # The (possibly new) provider must be one the user may maintain.
    ensure_allowed(by, "directory.change_service", service)
    if service.status not in ServiceStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not service.free_of_charge and not service.fee_description.strip():
        raise ValidationError(
            {
                "fee_description": _(
                    "Describe the costs, or mark the offering as free of charge."
                )
            }
        )
    if (
        service.minimum_age is not None
        and service.maximum_age is not None
        and service.minimum_age > service.maximum_age
    ):
        raise ValidationError(
            {"maximum_age": _("The maximum age is below the minimum age.")}
        )
    if confirm:
        service.last_confirmed_at = timezone.localdate()
    service.full_clean(validate_constraints=False)
    service._change_reason = "web"  # type: ignore[attr-defined]
    service.save()
    # The key of the new through rows (TenantChild would look the offering up per row).
    key = {"municipality_id": service.municipality_id}
    if terms is not None:
        terms = list(terms)
        _same_municipality("terms", terms, municipality)
        service.terms.set(terms, through_defaults=key)
    if neighborhoods is not None:
        neighborhoods = list(neighborhoods)
        _same_municipality("neighborhoods", neighborhoods, municipality)
        service.neighborhoods.set(neighborhoods, through_defaults=key)
    if languages is not None:
        set_languages(service, languages)
    if locations is not None:
        locations = list(locations)
        _same_municipality("locations", locations, municipality)
        wanted = {loc.pk for loc in locations}
        ServiceAtLocation.objects.filter(service=service).exclude(
            location_id__in=wanted
        ).delete()
        have = set(
            ServiceAtLocation.objects.filter(service=service).values_list(
                "location_id", flat=True
            )
        )
        for location in locations:
            if location.pk not in have:
                ServiceAtLocation.objects.create(service=service, location=location)
    if schedules is not None:
        _sync_schedules({"service": service}, schedules)
    if contacts is not None:
        _sync_contacts({"service": service}, contacts)
    record_action(by, municipality, "directory.save_service", service)
    return service


def set_languages(service: Service, codes: Iterable[str]) -> None:
    """Keep the rows (and their HSDS ids) of languages that stay."""
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    unknown = [c for c in codes if c not in LANGUAGE_NAMES]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language: %s") % ", ".join(unknown)}
        )
    ServiceLanguage.objects.filter(service=service).exclude(code__in=codes).delete()
    have = set(
        ServiceLanguage.objects.filter(service=service).values_list("code", flat=True)
    )
    ServiceLanguage.objects.bulk_create(
        [ServiceLanguage(service=service, code=c) for c in codes if c not in have]
    )


@transaction.atomic
def service_set_status(*, by: Any, service: Service, status: str) -> Service:
    ensure_allowed(by, "directory.change_service", service)
    if status not in ServiceStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    service.status = status
    service._change_reason = "status"  # type: ignore[attr-defined]
    service.save(update_fields=["status", "modified_at"])
    record_action(by, service.municipality, "directory.set_service_status", service)
    return service


@transaction.atomic
def service_archive(*, by: Any, service: Service, archived: bool = True) -> Service:
    """Archive (or restore) an offering; it disappears from the directory."""
    ensure_allowed(by, "directory.archive_service", service)
    service.archived_at = timezone.now() if archived else None
    service.save(update_fields=["archived_at", "modified_at"])
    record_action(
        by,
        service.municipality,
        "directory.archive_service" if archived else "directory.restore_service",
        service,
    )
    return service


@transaction.atomic
def service_confirm(
    *, service: Service, by: Any = None, on: datetime.date | None = None
) -> Service:
    """Record that the offering is still current. Without `by` the caller has
    checked the right to confirm (a signed one-click link); with `by` the user must
    be allowed to change the offering."""
    if by is not None:
        ensure_allowed(by, "directory.change_service", service)
    service.last_confirmed_at = on or timezone.localdate()
    service._change_reason = "confirmed"  # type: ignore[attr-defined]
    service.save(update_fields=["last_confirmed_at", "modified_at"])
    return service


# ---------------------------------------------------------------------------
# Places


@transaction.atomic
def location_save(
    *,
    by: Any,
    municipality: Municipality,
    location: Location | None = None,
    schedules: Sequence[dict[str, Any]] | None = None,
    contacts: Sequence[dict[str, Any]] | None = None,
    **fields: Any,
) -> Location:
    """Create a place in `municipality`, or change `location`.

    Partners may only create places run by one of their actors."""
    if location is None:
        ensure_allowed(by, "directory.add_location", municipality)
        location = Location(municipality=municipality)
    else:
        ensure_allowed(by, "directory.change_location", location)
        if location.municipality_id != municipality.pk:
            raise ValidationError(_("This belongs to another municipality."))
    _assign(location, LOCATION_FIELDS, fields)
    owner = location.owner if location.owner_id else None
    _same_municipality("owner", [owner], municipality)
    neighborhood = location.neighborhood if location.neighborhood_id else None
    _same_municipality("neighborhood", [neighborhood], municipality)
    if not by.has_perm("directory.change_location", location):
        raise ValidationError({"owner": _("Choose one of your own actors.")})
    if location.is_meeting_place and not location.meeting_place_kind:
        raise ValidationError(
            {"meeting_place_kind": _("Choose the kind of meeting place.")}
        )
    if not location.is_meeting_place:
        location.meeting_place_kind = ""
    if (location.latitude is None) != (location.longitude is None):
        raise ValidationError({"longitude": _("Give both coordinates or none.")})
    location.country = (location.country or "DE").upper()
    location.full_clean()
    location._change_reason = "web"  # type: ignore[attr-defined]
    location.save()
    if schedules is not None:
        _sync_schedules({"location": location}, schedules)
    if contacts is not None:
        _sync_contacts({"location": location}, contacts)
    record_action(by, municipality, "directory.save_location", location)
    return location


@transaction.atomic
def location_archive(*, by: Any, location: Location, archived: bool = True) -> Location:
    ensure_allowed(by, "directory.archive_location", location)
    location.archived_at = timezone.now() if archived else None
    location.save(update_fields=["archived_at", "modified_at"])
    record_action(
        by,
        location.municipality,
        "directory.archive_location" if archived else "directory.restore_location",
        location,
    )
    return location


# ---------------------------------------------------------------------------
# Taxonomy


@transaction.atomic
def term_create(
    *,
    by: Any,
    municipality: Municipality,
    taxonomy: str,
    name: str,
    description: str = "",
    parent: TaxonomyTerm | None = None,
) -> TaxonomyTerm:
    """Add a topic, target group or layer (coordinators)."""
    ensure_allowed(by, "directory.add_taxonomyterm", municipality)
    if taxonomy not in Taxonomy.values:
        raise ValidationError({"taxonomy": _("Choose a taxonomy.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the term a name.")})
    code = slugify(name.replace("&", "und"))[:60] or "term"
    terms = TaxonomyTerm.objects.of(municipality).filter(taxonomy=taxonomy)
    if terms.filter(code=code).exists() or terms.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("This term exists already.")})
    if parent is not None and (
        parent.municipality_id != municipality.pk or parent.taxonomy != taxonomy
    ):
        raise ValidationError({"parent": _("Choose a term of the same taxonomy.")})
    position = (
        terms.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    term = TaxonomyTerm.objects.create(
        municipality=municipality,
        taxonomy=taxonomy,
        code=code,
        name=name,
        description=description or "",
        parent=parent,
        position=position,
    )
    record_action(by, municipality, "directory.add_taxonomyterm", term)
    return term


def providers_for(user: Any, municipality: Municipality) -> list[Actor]:
    """Actors the user may name as provider: all active ones for coordinators,
    their own for partners."""
    from quartier.core.predicates import is_coordinator

    actors = Actor.objects.of(municipality).active().order_by("name")
    if is_coordinator.test(user, municipality):
        return list(actors)
    return list(actors.filter(members=user))


# ---------------------------------------------------------------------------
# A tie from the overlap matrix (directory/matrix.py)


class TieExists(ValidationError):
    """The two providers are already tied; nothing was recorded."""


@transaction.atomic
def matrix_tie_record(
    *,
    by: Any,
    municipality: Municipality,
    first: Actor,
    second: Actor,
    note: str = "",
) -> Tie:
    """A cooperation tie between two providers that the overlap matrix found in the
    same cell: recorded at once by coordinators ("recorded by the coordination"),
    proposed by a partner acting for `first` (active once `second` confirms it).
    Raises TieExists when a confirmed or proposed tie between them exists in either
    direction."""
    if not by.has_perm("actors.add_tie", municipality):
        ensure_allowed(by, "actors.propose_tie", first)
    existing = (
        Tie.objects.select_for_update()
        .open()
        .filter(
            municipality=municipality,
            source__in=[first, second],
            target__in=[first, second],
        )
    )
    if existing.exists():
        raise TieExists(
            _("%(first)s and %(second)s already have a tie.")
            % {"first": first.name, "second": second.name},
            code="exists",
        )
    if not by.has_perm("actors.add_tie", municipality):
        return tie_propose(
            by=by,
            source=first,
            target=second,
            kind=TieKind.COOPERATION,
            intensity=Intensity.ACQUAINTANCE,
            since=timezone.localdate(),
            note=note,
        )
    return tie_save(
        by=by,
        municipality=municipality,
        source=first,
        target=second,
        kind=TieKind.COOPERATION,
        intensity=Intensity.ACQUAINTANCE,
        since=timezone.localdate(),
        note=note,
    )

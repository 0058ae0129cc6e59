"""Quartier → Open Referral HSDS 3.0, as pure functions (docs/hsds.md has the table).

Every function takes model instances (with their relations prefetched by the caller)
and a `Context` (the municipality and the base URL for links), and returns plain
dicts that validate against the specification's schemas. Empty fields are left out,
numbers are numbers.

German specifics are attributes that point at taxonomy terms, never extra fields:
topics, target groups and Dahlgren–Whitehead layers (the directory's terms),
neighbourhoods (taxonomy "Stadtteile"), free of charge / barrier-free / accessibility
note (taxonomy "Merkmale", value "true"/"false" or the note; "barrierefrei" only when
stated, since Quartier's "no" means "not stated") and the kind of meeting place
(taxonomy "Begegnungsorte").
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.html import strip_tags

from quartier.directory.models import (
    LANGUAGE_NAMES,
    Contact,
    Location,
    MeetingPlaceKind,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
# Namespace of the ids Quartier derives for HSDS objects that have no UUID of their
# own (actors, neighbourhoods, fixed terms, addresses, …). Never change it: the ids
# must stay the same between exports.
HSDS_NAMESPACE = uuid.UUID("0b6f4c5e-2d1a-4f7e-9c3b-8a5d6e7f1a20")


def derived_id(*parts: Any) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, ":".join(str(p) for p in parts)))


@dataclass(frozen=True)
class TaxonomyInfo:
    key: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return derived_id("taxonomy", self.key)


TAXONOMIES = [
    TaxonomyInfo("topic", "Themen", "Themen der Angebote in Quartier."),
    TaxonomyInfo("target_group", "Zielgruppen", "Für wen ein Angebot gedacht ist."),
    TaxonomyInfo(
        "health_layer",
        "Gesundheitsdeterminanten (Dahlgren–Whitehead)",
        "Die Ebene des Regenbogenmodells nach Dahlgren und Whitehead, auf die ein "
        "Angebot wirkt.",
    ),
    TaxonomyInfo(
        "neighborhood", "Stadtteile", "Stadtteile, in denen ein Angebot wirkt."
    ),
    TaxonomyInfo(
        "feature",
        "Merkmale",
        "Kosten und Barrierefreiheit; der Wert des Attributs ist true oder false "
        "bzw. der Hinweistext.",
    ),
    TaxonomyInfo("meeting_place", "Begegnungsorte", "Arten von Begegnungsorten."),
]
TAXONOMY_BY_KEY = {t.key: t for t in TAXONOMIES}

# Fixed terms of the taxonomy "Merkmale": code → (name, description).
FEATURES = {
    "kostenlos": ("kostenlos", "Die Teilnahme kostet nichts."),
    "barrierefrei": ("barrierefrei", "Ohne Barrieren erreichbar und nutzbar."),
    "barrierefreiheit": (
        "Hinweise zur Barrierefreiheit",
        "Der Wert des Attributs beschreibt die Zugänglichkeit.",
    ),
}


@dataclass(frozen=True)
class Context:
    municipality: Any
    base_url: str = ""  # "https://example.org" (no trailing slash)

    def absolute(self, path: str) -> str:
        return f"{self.base_url}{path}"


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty fields (None, "", [], {}); keep 0 and False."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def plain(text: str) -> str:
    """Plain text of a possibly rich (HTML) text."""
    text = text or ""
    if "<" in text and ">" in text:
        text = html.unescape(strip_tags(text))
    return text.strip()


def number(value: Any) -> float | int | None:
    if value is None:
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


# ---------------------------------------------------------------------------
# Ids


def organization_id(actor: Any) -> str:
    """The HSDS id of an actor: the id an import gave it, or one derived from the
    municipality's slug and the actor's key (stable as long as the slug is).

    Select `hsds_link` with the actor (select_related) to avoid a query per actor.
    """
    try:
        return str(actor.hsds_link.hsds_id)
    except ObjectDoesNotExist:
        return derived_id(actor.municipality.slug, "actor", actor.pk)


def neighborhood_url(ctx: Context, neighborhood: Any) -> str:
    if not ctx.base_url:
        return ""
    return ctx.absolute(
        reverse(
            "core:neighborhood",
            kwargs={
                "municipality_slug": ctx.municipality.slug,
                "slug": neighborhood.slug,
            },
        )
    )


def neighborhood_term_id(municipality: Any, neighborhood: Any) -> str:
    return derived_id(municipality.slug, "neighborhood", neighborhood.slug)


def feature_term_id(code: str) -> str:
    return derived_id("feature", code)


def meeting_place_term_id(code: str) -> str:
    return derived_id("meeting_place", code)


# ---------------------------------------------------------------------------
# Taxonomies and terms


def taxonomy(info: TaxonomyInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "description": info.description,
        "version": "1",
    }


def _term(
    *,
    term_id: str,
    code: str,
    name: str,
    description: str,
    taxonomy_key: str,
    parent_id: str | None = None,
) -> dict[str, Any]:
    info = TAXONOMY_BY_KEY[taxonomy_key]
    return compact(
        {
            "id": term_id,
            "code": code,
            "name": name,
            "description": description or name,
            "parent_id": parent_id,
            "taxonomy": info.name,
            "taxonomy_id": info.id,
            "language": "de",
        }
    )


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return _term(
        term_id=str(term.pk),
        code=term.code,
        name=term.name,
        description=plain(term.description),
        taxonomy_key=term.taxonomy,
        parent_id=str(term.parent_id) if term.parent_id else None,
    )


def neighborhood_term(ctx: Context, neighborhood: Any) -> dict[str, Any]:
    return _term(
        term_id=neighborhood_term_id(ctx.municipality, neighborhood),
        code=neighborhood.slug,
        name=neighborhood.name,
        description=plain(getattr(neighborhood, "description", "") or ""),
        taxonomy_key="neighborhood",
    )


def feature_term(code: str) -> dict[str, Any]:
    name, description = FEATURES[code]
    return _term(
        term_id=feature_term_id(code),
        code=code,
        name=name,
        description=description,
        taxonomy_key="feature",
    )


def meeting_place_term(code: str) -> dict[str, Any]:
    label = str(MeetingPlaceKind(code).label)
    return _term(
        term_id=meeting_place_term_id(code),
        code=code,
        name=label,
        description=label,
        taxonomy_key="meeting_place",
    )


def fixed_terms() -> list[dict[str, Any]]:
    """Terms that are the same for every municipality."""
    return [feature_term(code) for code in FEATURES] + [
        meeting_place_term(code) for code in MeetingPlaceKind.values
    ]


def attribute(
    *, link_id: str, link_entity: str, term: dict[str, Any], value: str = ""
) -> dict[str, Any]:
    return compact(
        {
            "id": derived_id("attribute", link_id, term["id"]),
            "link_id": link_id,
            "link_entity": link_entity,
            "link_type": term.get("code", ""),
            "taxonomy_term_id": term["id"],
            "value": value,
            "taxonomy_term": term,
        }
    )


# ---------------------------------------------------------------------------
# Small parts


def phone(number_text: str, *, owner_id: str) -> dict[str, Any]:
    return {"id": derived_id("phone", owner_id), "number": number_text}


def language(entry: Any) -> dict[str, Any]:
    return compact(
        {
            "id": str(entry.pk),
            "name": str(LANGUAGE_NAMES.get(entry.code, entry.code)),
            "code": entry.code,
            "note": entry.note,
        }
    )


def contact(entry: Contact) -> dict[str, Any]:
    cid = str(entry.pk)
    return compact(
        {
            "id": cid,
            "name": entry.name,
            "title": entry.title,
            "email": entry.email,
            "phones": [phone(entry.phone, owner_id=cid)] if entry.phone else [],
        }
    )


def is_phone_only(entry: Contact) -> bool:
    """A contact with only a phone number is exported as a plain phone."""
    return bool(entry.phone) and not (entry.name or entry.title or entry.email)


def schedule(entry: Schedule) -> dict[str, Any]:
    # Without days or a start there is no recurrence to state: the directory stores
    # "weekly" for every schedule, also for one that is only a note.
    recurs = bool(entry.byday or entry.bymonthday or entry.dtstart)
    return compact(
        {
            "id": str(entry.pk),
            "freq": entry.freq if recurs else None,
            "interval": entry.interval if recurs else None,
            "byday": entry.byday,
            "bymonthday": entry.bymonthday,
            "opens_at": entry.opens_at.strftime("%H:%M:%S") if entry.opens_at else None,
            "closes_at": entry.closes_at.strftime("%H:%M:%S")
            if entry.closes_at
            else None,
            "dtstart": entry.dtstart.isoformat() if entry.dtstart else None,
            "valid_from": entry.valid_from.isoformat() if entry.valid_from else None,
            "valid_to": entry.valid_to.isoformat() if entry.valid_to else None,
            "description": entry.description,
        }
    )


def _bool(value: bool) -> str:
    return "true" if value else "false"


# ---------------------------------------------------------------------------
# Organisations, locations, services


def organization(ctx: Context, actor: Any) -> dict[str, Any]:
    oid = organization_id(actor)
    return compact(
        {
            "id": oid,
            "name": actor.name,
            "description": plain(actor.description) or actor.name,
            "email": actor.email,
            "website": actor.website,
            "uri": ctx.absolute(actor.get_absolute_url()) if ctx.base_url else "",
            "phones": [phone(actor.phone, owner_id=oid)] if actor.phone else [],
        }
    )


def address(ctx: Context, location: Location) -> dict[str, Any] | None:
    """The location's address, when it has the parts HSDS requires."""
    if not (location.address_1 and location.postal_code):
        return None
    return compact(
        {
            "id": derived_id("address", location.pk),
            "location_id": str(location.pk),
            "address_1": location.address_1,
            "address_2": location.address_2,
            "city": location.city or ctx.municipality.name,
            "region": location.region,
            "state_province": location.state_province
            or ctx.municipality.get_land_display(),
            "postal_code": location.postal_code,
            "country": location.country or "DE",
            "address_type": "physical",
        }
    )


def location(ctx: Context, entry: Location) -> dict[str, Any]:
    lid = str(entry.pk)
    contacts = [contact(c) for c in entry.contacts.all()]
    if entry.email:
        contacts.append({"id": derived_id("email", lid), "email": entry.email})
    attributes = []
    if entry.barrier_free:
        attributes.append(
            attribute(
                link_id=lid,
                link_entity="location",
                term=feature_term("barrierefrei"),
                value=_bool(entry.barrier_free),
            )
        )
    if entry.neighborhood_id:
        attributes.append(
            attribute(
                link_id=lid,
                link_entity="location",
                term=neighborhood_term(ctx, entry.neighborhood),
            )
        )
    if entry.is_meeting_place:
        attributes.append(
            attribute(
                link_id=lid,
                link_entity="location",
                term=meeting_place_term(entry.meeting_place_kind or "other"),
            )
        )
    addr = address(ctx, entry)
    return compact(
        {
            "id": lid,
            "location_type": "physical",
            "name": entry.name,
            "description": plain(entry.description),
            "transportation": entry.transportation,
            "latitude": number(entry.latitude),
            "longitude": number(entry.longitude),
            "url": entry.url,
            "organization_id": organization_id(entry.owner) if entry.owner_id else None,
            "addresses": [addr] if addr else [],
            "accessibility": [
                {
                    "id": derived_id("accessibility", lid),
                    "location_id": lid,
                    "description": entry.accessibility,
                }
            ]
            if entry.accessibility
            else [],
            "phones": [phone(entry.phone, owner_id=lid)] if entry.phone else [],
            "contacts": contacts,
            "schedules": [schedule(s) for s in entry.schedules.all()],
            "attributes": attributes,
        }
    )


def service_at_location(
    ctx: Context, entry: ServiceAtLocation, *, with_location: bool = True
) -> dict[str, Any]:
    return compact(
        {
            "id": str(entry.pk),
            "service_id": str(entry.service_id),
            "location_id": str(entry.location_id),
            "description": plain(entry.description),
            "location": location(ctx, entry.location) if with_location else None,
        }
    )


def service_attributes(ctx: Context, entry: Service) -> list[dict[str, Any]]:
    sid = str(entry.pk)
    attributes = [
        attribute(link_id=sid, link_entity="service", term=taxonomy_term(term))
        for term in entry.terms.all()
    ]
    attributes += [
        attribute(
            link_id=sid, link_entity="service", term=neighborhood_term(ctx, place)
        )
        for place in entry.neighborhoods.all()
    ]
    attributes.append(
        attribute(
            link_id=sid,
            link_entity="service",
            term=feature_term("kostenlos"),
            value=_bool(entry.free_of_charge),
        )
    )
    # Quartier records "barrier-free" only as a yes; no means "not stated" (the
    # directory shows "no information"), so it is left out rather than "false".
    if entry.barrier_free:
        attributes.append(
            attribute(
                link_id=sid,
                link_entity="service",
                term=feature_term("barrierefrei"),
                value=_bool(entry.barrier_free),
            )
        )
    if entry.accessibility:
        attributes.append(
            attribute(
                link_id=sid,
                link_entity="service",
                term=feature_term("barrierefreiheit"),
                value=entry.accessibility,
            )
        )
    return attributes


def service(ctx: Context, entry: Service, *, full: bool = True) -> dict[str, Any]:
    """One offering; `full=False` gives the list form (one-to-one fields only)."""
    sid = str(entry.pk)
    data: dict[str, Any] = {
        "id": sid,
        "organization_id": organization_id(entry.provider),
        "name": entry.name,
        "description": plain(entry.description),
        "url": entry.url,
        "email": entry.email,
        "status": entry.status,
        "fees_description": entry.fee_description,
        "application_process": entry.application_process,
        "eligibility_description": entry.eligibility_description,
        "minimum_age": entry.minimum_age,
        "maximum_age": entry.maximum_age,
        "assured_date": entry.last_confirmed_at.isoformat()
        if entry.last_confirmed_at
        else None,
        "last_modified": entry.modified_at.isoformat() if entry.modified_at else None,
        "organization": organization(ctx, entry.provider),
    }
    if full:
        contacts: Iterable[Contact] = entry.contacts.all()
        data.update(
            {
                # A phone-only contact is the file's phone: it keeps its id.
                "phones": [
                    {"id": str(c.pk), "number": c.phone}
                    for c in contacts
                    if is_phone_only(c)
                ],
                "contacts": [contact(c) for c in contacts if not is_phone_only(c)],
                "schedules": [schedule(s) for s in entry.schedules.all()],
                "languages": [language(lang) for lang in entry.languages.all()],
                "service_areas": [
                    compact(
                        {
                            "id": derived_id("service_area", sid, place.slug),
                            "service_id": sid,
                            "name": place.name,
                            "uri": neighborhood_url(ctx, place),
                        }
                    )
                    for place in entry.neighborhoods.all()
                ],
                "service_at_locations": [
                    service_at_location(ctx, sal)
                    for sal in entry.service_at_locations.all()
                ],
                "attributes": service_attributes(ctx, entry),
            }
        )
    return compact(data)


# Relations the serializers read, for prefetch_related (constant queries per page).
SERVICE_SELECT = ("provider__municipality", "provider__hsds_link", "municipality")
SERVICE_PREFETCH = (
    "terms",
    "neighborhoods",
    "languages",
    "contacts",
    "schedules",
    "service_at_locations__location__contacts",
    "service_at_locations__location__schedules",
    "service_at_locations__location__neighborhood",
    "service_at_locations__location__owner__municipality",
    "service_at_locations__location__owner__hsds_link",
)
LOCATION_SELECT = ("neighborhood", "owner__municipality", "owner__hsds_link")
LOCATION_PREFETCH = ("contacts", "schedules")

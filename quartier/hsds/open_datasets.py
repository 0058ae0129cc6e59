"""Open data of the directory (core/open_datasets.py): the offerings and the
places, as HSDS 3.0 (the format of the Open Referral standard), CSV and GeoJSON.

What the public HSDS API shows (listed offerings of public actors, active places),
without the contact persons and e-mail addresses: the API is there for looking up
whom to ask; a bulk download is not, so names and addresses of people stay out.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Max, Q
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _l

from quartier.core import open_datasets as od
from quartier.core.csvexport import csv_response

HSDS_STANDARD = "https://docs.openreferral.org/en/v3.0/"
# Keys dropped anywhere in the HSDS document (contact persons and e-mail).
PERSONAL_KEYS = frozenset({"contacts", "email"})

OFFERING_COLUMNS = [
    "id",
    "name",
    "description",
    "provider",
    "status",
    "free_of_charge",
    "barrier_free",
    "minimum_age",
    "maximum_age",
    "neighbourhoods",
    "places",
    "url",
]
PLACE_COLUMNS = [
    "id",
    "name",
    "description",
    "address",
    "postal_code",
    "city",
    "neighbourhood",
    "latitude",
    "longitude",
    "barrier_free",
    "meeting_place",
    "url",
]


def without_personal(node: Any, scrub: Any = None) -> Any:
    """The HSDS document without contact persons and e-mail addresses, and with
    the names of people replaced in its texts (`scrub`)."""
    if isinstance(node, dict):
        return {
            k: without_personal(v, scrub)
            for k, v in node.items()
            if k not in PERSONAL_KEYS
        }
    if isinstance(node, list):
        return [without_personal(item, scrub) for item in node]
    return scrub(node) if scrub is not None else node


def contact_names(municipality: Any) -> Any:
    """The contact persons of offerings and places."""
    from quartier.directory.models import Contact

    return Contact.objects.filter(
        Q(service__municipality=municipality) | Q(location__municipality=municipality)
    ).values_list("name", flat=True)


od.register_person_names(contact_names)


def listed_offerings(municipality: Any) -> Any:
    from quartier.directory.models import Service

    return Service.objects.of(municipality).listed()


def public_places(municipality: Any) -> Any:
    from quartier.directory.models import Location

    return Location.objects.of(municipality).active()


def offerings_hsds(request: Any) -> HttpResponse:
    from quartier.hsds.views.api import context, export_document

    scrub = od.redactor(request.municipality)
    document = without_personal(export_document(context(request)), scrub)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="angebote-{request.municipality.slug}.hsds.json"'
    )
    return response


def offerings_csv(request: Any) -> HttpResponse:
    scrub = od.redactor(request.municipality)
    offerings = (
        listed_offerings(request.municipality)
        .select_related("provider", "municipality")
        .prefetch_related("neighborhoods", "locations")
        .order_by("name", "id")
    )
    rows = (
        [
            s.pk,
            scrub(s.name),
            scrub(s.description),
            s.provider.name,
            s.get_status_display(),
            int(s.free_of_charge),
            int(s.barrier_free),
            s.minimum_age if s.minimum_age is not None else "",
            s.maximum_age if s.maximum_age is not None else "",
            ", ".join(n.name for n in s.neighborhoods.all()),
            ", ".join(p.name for p in s.locations.all() if p.archived_at is None),
            request.build_absolute_uri(s.get_absolute_url()),
        ]
        for s in offerings
    )
    filename = f"angebote-{request.municipality.slug}.csv"
    return csv_response(filename, OFFERING_COLUMNS, rows)


def _place_rows(request: Any) -> list[dict[str, Any]]:
    scrub = od.redactor(request.municipality)
    places = (
        public_places(request.municipality)
        .select_related("neighborhood", "municipality")
        .order_by("name", "id")
    )
    return [
        {
            "id": str(p.pk),
            "name": scrub(p.name),
            "description": scrub(p.description),
            "address": ", ".join(x for x in (p.address_1, p.address_2) if x),
            "postal_code": p.postal_code,
            "city": p.city,
            "neighbourhood": p.neighborhood.name if p.neighborhood else "",
            "latitude": p.latitude,
            "longitude": p.longitude,
            "barrier_free": int(p.barrier_free),
            "meeting_place": p.get_meeting_place_kind_display()
            if p.is_meeting_place
            else "",
            "url": request.build_absolute_uri(p.get_absolute_url()),
        }
        for p in places
    ]


def places_csv(request: Any) -> HttpResponse:
    rows = ([row[c] for c in PLACE_COLUMNS] for row in _place_rows(request))
    filename = f"orte-{request.municipality.slug}.csv"
    return csv_response(filename, PLACE_COLUMNS, rows)


def places_geojson(request: Any) -> HttpResponse:
    features = od.point_features(_place_rows(request))
    return od.geojson_response(f"orte-{request.municipality.slug}.geojson", features)


def _offerings_changed(municipality: Any) -> Any:
    return listed_offerings(municipality).aggregate(m=Max("modified_at"))["m"]


def _places_changed(municipality: Any) -> Any:
    return public_places(municipality).aggregate(m=Max("modified_at"))["m"]


od.register(
    od.Dataset(
        key="offerings",
        title=_l("Offerings in the neighbourhood"),
        description=_l(
            "The offerings of the public organisations in the neighbourhood (advice, "
            "groups, courses, meeting points): what, by whom, for whom, where and "
            "when. As HSDS 3.0 (Open Referral) and as a table; without contact "
            "persons and e-mail addresses."
        ),
        distributions=(
            od.Distribution(
                "JSON",
                build=offerings_hsds,
                title=_l("HSDS 3.0 (JSON)"),
                conforms_to=HSDS_STANDARD,
            ),
            od.Distribution("CSV", build=offerings_csv),
        ),
        frequency=od.CONTINUOUS,
        last_change=_offerings_changed,
        keywords=(_l("offerings"), _l("social services"), _l("neighbourhood")),
        themes=(od.THEME_SOCIETY, od.THEME_HEALTH),
        position=50,
    ),
    od.Dataset(
        key="places",
        title=_l("Places in the neighbourhood"),
        description=_l(
            "Places where offerings take place and meeting places of the "
            "neighbourhood: name, address, neighbourhood, position and whether they "
            "are barrier-free."
        ),
        distributions=(
            od.Distribution("CSV", build=places_csv),
            od.Distribution("GEOJSON", build=places_geojson),
        ),
        frequency=od.CONTINUOUS,
        last_change=_places_changed,
        keywords=(_l("places"), _l("meeting places"), _l("neighbourhood")),
        themes=(od.THEME_SOCIETY, od.THEME_REGIONS),
        position=60,
    ),
)

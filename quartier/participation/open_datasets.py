"""Open data of participation (core/open_datasets.py): the public contributions.

Only what everybody sees on the site (approved, not hidden after reports), and of
that only the content: never the author, their name or e-mail address, the person
who entered it, the photo (faces) or the free-text address (it may be a home).
Position is the point the author put on the public map.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from quartier.core import open_datasets as od
from quartier.core.csvexport import csv_response

COLUMNS = [
    "id",
    "kind",
    "title",
    "text",
    "status",
    "neighbourhood",
    "topics",
    "latitude",
    "longitude",
    "received_on",
    "answered_on",
    "url",
]


def public_contributions(municipality: Any) -> Any:
    from quartier.participation.models import Contribution

    return Contribution.objects.of(municipality).public()


def guest_names(municipality: Any) -> Any:
    """Names guests gave with their contributions."""
    return (
        public_contributions(municipality)
        .exclude(author_name="")
        .values_list("author_name", flat=True)
        .distinct()
    )


od.register_person_names(guest_names)


def _rows(request: Any) -> list[dict[str, Any]]:
    scrub = od.redactor(request.municipality)
    contributions = (
        public_contributions(request.municipality)
        .select_related("neighborhood", "municipality")
        .prefetch_related("topics")
        .order_by("created_at", "id")
    )
    return [
        {
            "id": c.pk,
            "kind": c.get_kind_display(),
            "title": scrub(c.title),
            "text": scrub(c.text),
            "status": c.get_status_display(),
            "neighbourhood": c.neighborhood.name,
            "topics": ", ".join(t.name for t in c.topics.all() if t.name),
            "latitude": c.latitude,
            "longitude": c.longitude,
            "received_on": timezone.localdate(c.created_at).isoformat(),
            "answered_on": (
                timezone.localdate(c.answered_at).isoformat() if c.answered_at else ""
            ),
            "url": request.build_absolute_uri(c.get_absolute_url()),
        }
        for c in contributions
    ]


def contributions_csv(request: Any) -> Any:
    rows = ([row[column] for column in COLUMNS] for row in _rows(request))
    filename = f"beitraege-{request.municipality.slug}.csv"
    return csv_response(filename, COLUMNS, rows)


def contributions_geojson(request: Any) -> Any:
    features = od.point_features(_rows(request))
    return od.geojson_response(
        f"beitraege-{request.municipality.slug}.geojson", features
    )


def _changed(municipality: Any) -> Any:
    return public_contributions(municipality).aggregate(m=Max("updated_at"))["m"]


od.register(
    od.Dataset(
        key="contributions",
        title=_l("Contributions of residents"),
        description=_l(
            "Ideas, concerns, questions and experiences that residents have shared "
            "and that are published: kind, title, text, status, neighbourhood and "
            "topics, and the point on the map where one was given. Without names "
            "or contact details of the authors."
        ),
        distributions=(
            od.Distribution("CSV", build=contributions_csv),
            od.Distribution("GEOJSON", build=contributions_geojson),
        ),
        frequency=od.CONTINUOUS,
        last_change=_changed,
        keywords=(_l("participation"), _l("ideas"), _l("neighbourhood")),
        themes=(od.THEME_SOCIETY, od.THEME_REGIONS),
        position=30,
    ),
)

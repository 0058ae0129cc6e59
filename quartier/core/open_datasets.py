"""Open datasets: what a municipality publishes as open data (docs/open-data.md).

Every app whose public data is worth reusing declares its datasets in its own
`open_datasets.py` (forums: decisions and meetings, participation: contributions,
…); the registry imports those modules by name once (like Django's admin.py), so
core never imports the apps and a new module joins by adding the file. The
`opendata` app shows the registry as the open-data page and as a DCAT-AP.de
catalogue that GovData and municipal portals harvest.

A dataset has a key, a German title and description (lazy translated), keywords,
EU data themes and an EU update frequency (vocabulary URIs), `last_change(
municipality)` → the newest change of its public rows (or None), and one or more
distributions (a file format with its media type). A distribution either names an
existing view (`url_name`, reversed with the municipality's slug) or brings its own
`build(request)` → HttpResponse, which the opendata app serves below
/<slug>/open-data/files/<dataset>.<extension>. Only public, non-personal data goes
in: opendata/tests/test_no_personal_data.py downloads every distribution of the
demo and looks for the name and e-mail address of every person.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

EU = "http://publications.europa.eu/resource/authority/"

# EU "frequency" vocabulary (dct:accrualPeriodicity).
CONTINUOUS = EU + "frequency/UPDATE_CONT"
DAILY = EU + "frequency/DAILY"
WEEKLY = EU + "frequency/WEEKLY"
MONTHLY = EU + "frequency/MONTHLY"
IRREGULAR = EU + "frequency/IRREG"
ANNUAL = EU + "frequency/ANNUAL"
FREQUENCIES = (CONTINUOUS, DAILY, WEEKLY, MONTHLY, IRREGULAR, ANNUAL)
FREQUENCY_LABELS = {
    CONTINUOUS: _("continuously, with every change"),
    DAILY: _("daily"),
    WEEKLY: _("weekly"),
    MONTHLY: _("monthly"),
    IRREGULAR: _("irregularly, when something is decided"),
    ANNUAL: _("yearly"),
}

# EU "data-theme" vocabulary (dcat:theme).
THEME_GOVERNMENT = EU + "data-theme/GOVE"
THEME_SOCIETY = EU + "data-theme/SOCI"
THEME_REGIONS = EU + "data-theme/REGI"
THEME_HEALTH = EU + "data-theme/HEAL"
THEME_ECONOMY = EU + "data-theme/ECON"
THEMES = (
    THEME_GOVERNMENT,
    THEME_SOCIETY,
    THEME_REGIONS,
    THEME_HEALTH,
    THEME_ECONOMY,
)

# File formats: key → (EU "file-type" URI, media type, file extension, name).
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "CSV": (EU + "file-type/CSV", "text/csv", "csv", "CSV"),
    "GEOJSON": (EU + "file-type/GEOJSON", "application/geo+json", "geojson", "GeoJSON"),
    "ICAL": (EU + "file-type/ICAL", "text/calendar", "ics", "iCalendar"),
    "JSON": (EU + "file-type/JSON", "application/json", "json", "JSON"),
}


@dataclass(frozen=True)
class Distribution:
    format: str  # a key of FORMATS
    # Either an existing view (reversed with municipality_slug) …
    url_name: str = ""
    # … or the file itself: build(request) → HttpResponse, served by opendata.
    build: Callable[..., Any] | None = None
    title: Any = None  # lazy translated; default: the format's name
    # A standard the file follows (e.g. the HSDS specification), for dct:conformsTo.
    conforms_to: str = ""

    @property
    def file_type(self) -> str:
        return FORMATS[self.format][0]

    @property
    def media_type(self) -> str:
        return FORMATS[self.format][1]

    @property
    def extension(self) -> str:
        return FORMATS[self.format][2]

    @property
    def label(self) -> Any:
        return self.title or FORMATS[self.format][3]


@dataclass(frozen=True)
class Dataset:
    key: str  # a slug, unique
    title: Any  # lazy translated
    description: Any  # lazy translated, a few sentences
    distributions: tuple[Distribution, ...]
    frequency: str  # one of FREQUENCIES
    # (municipality) → the newest change of the public rows, or None when empty.
    last_change: Callable[[Any], datetime.datetime | None]
    keywords: tuple[Any, ...] = ()  # lazy translated
    themes: tuple[str, ...] = (THEME_SOCIETY,)
    position: int = 50  # order on the page and in the catalogue

    @property
    def frequency_label(self) -> Any:
        return FREQUENCY_LABELS[self.frequency]


_DATASETS: dict[str, Dataset] = {}
_discovered = False


def register(*datasets: Dataset) -> None:
    """Add an app's datasets (called when its `open_datasets` module is imported)."""
    for dataset in datasets:
        if dataset.frequency not in FREQUENCIES:
            raise ValueError(f"{dataset.key}: unknown update frequency")
        if not dataset.distributions:
            raise ValueError(f"{dataset.key}: a dataset needs a distribution")
        for theme in dataset.themes:
            if theme not in THEMES:
                raise ValueError(f"{dataset.key}: unknown theme {theme}")
        extensions = [d.format for d in dataset.distributions]
        if len(set(extensions)) != len(extensions):
            raise ValueError(f"{dataset.key}: one distribution per format")
        for dist in dataset.distributions:
            if dist.format not in FORMATS:
                raise ValueError(f"{dataset.key}: unknown format {dist.format}")
            if bool(dist.url_name) == (dist.build is not None):
                raise ValueError(f"{dataset.key}: give either url_name or build")
        _DATASETS[dataset.key] = dataset


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("open_datasets")


def datasets() -> list[Dataset]:
    """Every registered dataset, in page order."""
    _discover()
    return sorted(_DATASETS.values(), key=lambda d: (d.position, d.key))


def get(key: str) -> Dataset | None:
    _discover()
    return _DATASETS.get(key)


# Names of people that free texts may mention (an organisation's description
# naming its staff, a contribution greeting a neighbour): each app registers where
# it keeps names of people (accounts, guests, contact persons); the files replace
# them in every text they write. Organisations' names are no persons' names.
_NAME_SOURCES: list[Callable[[Any], Any]] = []
REDACTED = "[Name entfernt]"


def register_person_names(source: Callable[[Any], Any]) -> None:
    """Add `source(municipality)` → names of people the municipality's data holds."""
    if source not in _NAME_SOURCES:
        _NAME_SOURCES.append(source)


class Redactor:
    """Replaces whole-word occurrences of known names of people in a text."""

    def __init__(self, names: Any):
        wanted = {str(n).strip() for n in names if n and len(str(n).strip()) >= 4}
        ordered = sorted(wanted, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
            if ordered
            else None
        )

    def __call__(self, value: Any) -> Any:
        if self.pattern is None or not isinstance(value, str):
            return value
        return self.pattern.sub(REDACTED, value)


def redactor(municipality: Any) -> Redactor:
    """The redactor for the names of people of `municipality` (one query per source)."""
    _discover()
    return Redactor(name for source in _NAME_SOURCES for name in source(municipality))


def newest(*stamps: datetime.datetime | None) -> datetime.datetime | None:
    """The latest of some timestamps (None where a table is empty)."""
    present = [s for s in stamps if s is not None]
    return max(present) if present else None


def point_features(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """GeoJSON Features with a Point (RFC 7946: longitude first, WGS 84) for the
    rows that have both coordinates; the other values become the properties."""
    return [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                k: v for k, v in row.items() if k not in ("latitude", "longitude")
            },
        }
        for row in rows
        if row["latitude"] is not None and row["longitude"] is not None
    ]


def geojson_response(filename: str, features: list[dict[str, Any]]) -> Any:
    """A GeoJSON FeatureCollection download named `filename`."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.http import HttpResponse

    body = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        cls=DjangoJSONEncoder,
    )
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

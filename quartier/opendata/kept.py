"""What the open-data page and the catalogue compute from the data, kept for a
short while (issue 19, docs/open-data.md "Speed").

Each dataset's last change is an aggregate over its public rows (the newest of
100,000 contributions: ~50 ms on SQLite), and the catalogue is a graph of a few
hundred triples serialised by rdflib (~15 ms). Neither depends on who asks: the
catalogue only on the municipality, its settings, the language and the address
the request came in on. So both are kept in Django's cache under a key that holds
the page cache's data version (`core/pagecache.py`: every successful write through
the web bumps it; `core/kept_until_changed.py` keeps them), which makes a change
visible with the next request; a write outside the web (an import, a background
task) shows within a minute (KEEP_SECONDS).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any

from django.utils.translation import get_language

from quartier.core import open_datasets as od
from quartier.core.kept_until_changed import kept, kept_key


def _key(*parts: Any) -> str:
    return kept_key("opendata", *parts)


def last_changes(municipality: Any) -> dict[str, datetime.datetime | None]:
    """The newest change of each registered dataset's public rows, by key."""
    return kept(
        _key("changes", municipality.pk),
        lambda: {d.key: d.last_change(municipality) for d in od.datasets()},
    )


def catalogue(request: Any, fmt: str, build: Callable[[Any], str]) -> str:
    """The serialised catalogue of request.municipality in `fmt`: `build(settings)`
    when nothing is kept. The municipality's own fields and its open-data
    settings are part of the key (one small query), so a changed name, official
    key, licence or contact shows at once, however it was written."""
    from quartier.opendata.models import OpenDataSettings

    municipality = request.municipality
    settings = OpenDataSettings.for_(municipality)
    own = (
        municipality.name,
        municipality.slug,
        municipality.ags,
        municipality.contact_email,
        settings.licence,
        settings.attribution,
        settings.contact_email,
    )
    digest = hashlib.sha256(repr(own).encode()).hexdigest()[:32]
    return kept(
        _key(
            "catalogue",
            municipality.pk,
            fmt,
            get_language(),
            request.build_absolute_uri("/"),
            digest,
        ),
        lambda: build(settings),
    )

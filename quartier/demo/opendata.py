"""Seeds the open-data settings (opendata app) from `data/opendata.yaml`: under
which licence each demo municipality publishes, how it is credited and whom to ask.
The open data themselves are the other seeders' public rows."""

from __future__ import annotations

from typing import Any

from quartier.demo import records
from quartier.opendata.models import OpenDataSettings


def load(summary: Any) -> None:
    for spec in records.read("opendata")["settings"]:
        records.upsert(
            OpenDataSettings,
            {"municipality": records.get_municipality(spec["municipality"])},
            {
                "licence": spec["licence"],
                "attribution": spec["attribution"],
                "contact_email": spec["contact_email"],
            },
            summary,
            "open-data settings",
        )

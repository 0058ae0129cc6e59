"""Truth-table rows of open data (docs/permissions.md, "Open data"): everybody
reads the page, the catalogue and every file of the registry; only the
municipality's admins change the settings."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def _file(key, extension):
    return lambda w: {**m(w), "dataset": key, "extension": extension}


def _file_cases():
    from quartier.core import open_datasets as od

    return [
        Case(
            "opendata:file",
            READ,
            kwargs=_file(dataset.key, dist.extension),
            label=f"{dataset.key}.{dist.extension}",
        )
        for dataset in od.datasets()
        for dist in dataset.distributions
        if dist.build is not None
    ]


READ = S(200, 200, 200, 200, 200, 200)
ADMIN_GET = S(302, 403, 403, 403, 200, 403)
ADMIN_POST = S(403, 403, 403, 403, 200, 403)

CASES = [
    Case("opendata:index", READ, kwargs=m),
    Case("opendata:catalog_jsonld", READ, kwargs=m),
    Case("opendata:catalog_rdf", READ, kwargs=m),
    *_file_cases(),
    Case("opendata:settings", ADMIN_GET, kwargs=m),
    Case(
        "opendata:settings",
        ADMIN_POST,
        "post",
        kwargs=m,
        data={"licence": "unknown"},
        label="invalid licence",
    ),
]

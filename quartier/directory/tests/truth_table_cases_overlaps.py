"""Truth-table rows of the overlap matrix, the printable directory and the
confirmation links."""

from __future__ import annotations

import datetime

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.directory.confirmation_links import make_token
    from quartier.directory.tests.factories import ServiceFactory, term

    municipality = world["municipality"]
    service = ServiceFactory(
        municipality=municipality,
        provider=world["actor"],
        name="Bewegungstreff im Park",
        terms=[term(municipality, "bewegung")],
        neighborhoods=[world["neighborhood"]],
        last_confirmed_at=datetime.date(2020, 1, 1),
    )
    ServiceFactory(
        municipality=municipality,
        provider=world["internal_actor"],
        terms=[term(municipality, "bewegung")],
        neighborhoods=[world["neighborhood"]],
    )
    world["directory_extra_token"] = make_token(service)


def tie_pair(w):
    return {**m(w), "first": w["actor"].pk, "second": w["internal_actor"].pk}


CASES = [
    Case("directory:matrix", S(302, 200, 200, 200, 200, 403), kwargs=m),
    Case("directory:matrix_csv", S(302, 200, 200, 200, 200, 403), kwargs=m),
    Case(
        "directory:matrix_tie",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=tie_pair,
        data={"topic": "bewegung"},
    ),
    Case("directory:print", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("directory:print_pdf", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case(
        "directory:confirm",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["directory_extra_token"]},
    ),
    Case(
        "directory:confirm",
        S(200, 200, 200, 200, 200, 200),
        "post",
        kwargs=lambda w: {**m(w), "token": w["directory_extra_token"]},
        label="post",
    ),
    Case(
        "directory:confirm",
        S(400, 400, 400, 400, 400, 400),
        kwargs=lambda w: {**m(w), "token": "kaputt"},
        label="tampered",
    ),
]

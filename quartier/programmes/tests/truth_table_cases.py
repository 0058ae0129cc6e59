"""Truth-table rows of the programme library (docs/permissions.md, "Programme
library"). Advisers are not one of the table's roles: test_views.py covers them."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

ALL_200 = S(200, 200, 200, 200, 200, 200)
ALL_404 = S(404, 404, 404, 404, 404, 404)


def programme_data(name="Spaziergruppen im Quartier"):
    return {
        "name": name,
        "source": "Fachstelle Bewegung",
        "summary": "Wöchentliche Spaziergänge in kleinen Gruppen.",
        "core-TOTAL_FORMS": "1",
        "core-INITIAL_FORMS": "0",
        "core-0-name": "Feste wöchentliche Termine",
        "adaptable-TOTAL_FORMS": "0",
        "adaptable-INITIAL_FORMS": "0",
    }


def extend_world(world):
    from quartier.core.models import Municipality
    from quartier.programmes.tests.factories import ProgrammeFactory

    other = Municipality.objects.get(slug="beispielheim")
    world["shared_programme"] = ProgrammeFactory(municipality=None)
    world["own_programme"] = ProgrammeFactory(municipality=world["municipality"])
    world["other_programme"] = ProgrammeFactory(municipality=other)


def pk_of(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def shared_pk_of(key):
    return lambda w: {"pk": w[key].pk}


CASES = [
    Case("programmes:list", ALL_200, kwargs=m),
    Case("programmes:new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "programmes:new",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=m,
        data=programme_data(),
    ),
    Case(
        "programmes:detail",
        S(404, 200, 200, 200, 200, 404),
        kwargs=pk_of("own_programme"),
        label="own",
    ),
    Case(
        "programmes:detail", ALL_200, kwargs=pk_of("shared_programme"), label="shared"
    ),
    Case(
        "programmes:detail",
        ALL_404,
        kwargs=pk_of("other_programme"),
        label="another municipality's",
    ),
    Case(
        "programmes:edit",
        S(404, 403, 403, 200, 200, 404),
        kwargs=pk_of("own_programme"),
        label="own",
    ),
    Case(
        "programmes:edit",
        S(404, 403, 403, 302, 302, 404),
        "post",
        kwargs=pk_of("own_programme"),
        data=programme_data("Neuer Name"),
        label="own",
    ),
    Case("programmes:edit", ALL_404, kwargs=pk_of("shared_programme"), label="shared"),
    Case(
        "programmes:edit",
        ALL_404,
        kwargs=pk_of("other_programme"),
        label="another municipality's",
    ),
    Case(
        "programmes:copy",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=pk_of("shared_programme"),
        label="shared",
    ),
    Case(
        "programmes:copy",
        S(403, 403, 403, 404, 404, 403),
        "post",
        kwargs=pk_of("own_programme"),
        label="own",
    ),
    Case("shared_programmes:list", ALL_200),
    Case("shared_programmes:new", S(302, 403, 403, 403, 403, 403)),
    Case(
        "shared_programmes:new",
        S(403, 403, 403, 403, 403, 403),
        "post",
        data=programme_data(),
    ),
    Case("shared_programmes:detail", ALL_200, kwargs=shared_pk_of("shared_programme")),
    Case(
        "shared_programmes:detail",
        ALL_404,
        kwargs=shared_pk_of("own_programme"),
        label="own",
    ),
    Case(
        "shared_programmes:edit",
        S(302, 403, 403, 403, 403, 403),
        kwargs=shared_pk_of("shared_programme"),
    ),
    Case(
        "shared_programmes:edit",
        S(403, 403, 403, 403, 403, 403),
        "post",
        kwargs=shared_pk_of("shared_programme"),
        data=programme_data("Übernahme"),
    ),
]

"""Truth-table rows of the compass (docs/permissions.md, "Tension compass")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.compass.models import TensionField
    from quartier.compass.tests.factories import RoundFactory
    from quartier.forums.tests.factories import MeetingFactory

    municipality = world["municipality"]
    world["compass_open"] = RoundFactory(
        municipality=municipality, title="Frühjahr 2027", status="open"
    )
    world["compass_closed"] = RoundFactory(
        municipality=municipality, title="Herbst 2026", status="closed"
    )
    world["compass_draft"] = RoundFactory(
        municipality=municipality, title="Herbst 2027", status="draft"
    )
    world["compass_field"] = TensionField.objects.of(municipality).first()
    world["compass_meeting"] = MeetingFactory(
        forum__municipality=municipality, forum__slug="compass-forum"
    )


def r(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def f(w):
    return {**m(w), "pk": w["compass_field"].pk}


CASES = [
    Case("compass:index", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("compass:trends", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("compass:fields", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("compass:round", S(200, 200, 200, 200, 200, 200), kwargs=r("compass_open")),
    Case(
        "compass:round",
        S(404, 404, 404, 200, 200, 404),
        kwargs=r("compass_draft"),
        label="draft",
    ),
    Case(
        "compass:round_csv", S(200, 200, 200, 200, 200, 200), kwargs=r("compass_closed")
    ),
    Case(
        "compass:round_csv",
        S(404, 404, 404, 200, 200, 404),
        kwargs=r("compass_draft"),
        label="draft",
    ),
    Case("compass:assess", S(302, 200, 200, 200, 200, 403), kwargs=r("compass_open")),
    Case(
        "compass:assess",
        S(302, 403, 403, 403, 403, 403),
        kwargs=r("compass_closed"),
        label="closed",
    ),
    Case(
        "compass:assess",
        S(403, 200, 200, 200, 200, 403),
        "post",
        kwargs=r("compass_open"),
        data={"perspective": "residents"},
        label="post incomplete",
    ),
    Case("compass:round_new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "compass:round_edit", S(302, 403, 403, 200, 200, 403), kwargs=r("compass_open")
    ),
    Case(
        "compass:round_open",
        S(404, 404, 404, 302, 302, 404),
        "post",
        kwargs=r("compass_draft"),
    ),
    Case(
        "compass:round_close",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=r("compass_open"),
    ),
    Case("compass:agenda", S(302, 403, 403, 200, 200, 403), kwargs=r("compass_closed")),
    Case(
        "compass:comments",
        S(302, 200, 200, 200, 200, 403),
        kwargs=lambda w: {**r("compass_closed")(w), "field_pk": w["compass_field"].pk},
    ),
    Case(
        "compass:comments",
        S(404, 404, 404, 200, 200, 404),
        kwargs=lambda w: {**r("compass_draft")(w), "field_pk": w["compass_field"].pk},
        label="draft",
    ),
    Case("compass:field_new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("compass:field_edit", S(302, 403, 403, 200, 200, 403), kwargs=f),
    Case("compass:field_archive", S(403, 403, 403, 302, 302, 403), "post", kwargs=f),
]

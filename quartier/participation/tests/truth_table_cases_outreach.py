"""Truth-table rows of the outreach pages: posters, paper form, plain language."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.directory.models import Location

    world["meeting_place"] = Location.objects.create(
        municipality=world["municipality"],
        name="Marktplatz-Brunnen",
        is_meeting_place=True,
        neighborhood=world["neighborhood"],
    )


STAFF = S(302, 403, 403, 200, 200, 403)
ALL_200 = S(200, 200, 200, 200, 200, 200)

CASES = [
    Case("participation:posters", STAFF, kwargs=m),
    Case(
        "participation:poster_neighborhood",
        STAFF,
        kwargs=lambda w: {**m(w), "slug": w["neighborhood"].slug},
    ),
    Case(
        "participation:poster_place",
        STAFF,
        kwargs=lambda w: {**m(w), "pk": w["meeting_place"].pk},
    ),
    Case(
        "participation:short",
        S(302, 302, 302, 302, 302, 302),
        kwargs=lambda w: {**m(w), "neighborhood": w["neighborhood"].slug},
    ),
    Case("participation:paper_form", ALL_200, kwargs=m),
    Case("participation:plain_language", ALL_200, kwargs=m),
    Case(
        "plain_language_toggle",
        S(302, 302, 302, 302, 302, 302),
        "post",
        data={"plain": "1", "next": "/musterstadt/"},
    ),
]

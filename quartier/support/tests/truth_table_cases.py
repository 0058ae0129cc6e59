"""Truth-table rows of the support app (docs/permissions.md, "Quartiers-Check and
support offers"). Advisers are not one of the table's roles: test_permissions.py
covers them (granted, expired, revoked, another module)."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

ALL_200 = S(200, 200, 200, 200, 200, 200)
ALL_404 = S(404, 404, 404, 404, 404, 404)
TEAM = S(302, 403, 200, 200, 200, 403)
TEAM_OBJ = S(404, 404, 200, 200, 200, 404)
COORD_OBJ = S(404, 404, 403, 200, 200, 404)
COORD_POST = S(404, 404, 403, 302, 302, 404)


def extend_world(world):
    from quartier.core.models import Municipality
    from quartier.support.models import NextStep, RoundStatus
    from quartier.support.tests.factories import CheckRoundFactory, SupportOfferFactory

    municipality = world["municipality"]
    other = Municipality.objects.get(slug="beispielheim")
    world["check_round"] = CheckRoundFactory(municipality=municipality, year=2026)
    world["closed_round"] = CheckRoundFactory(
        municipality=municipality, year=2025, status=RoundStatus.CLOSED
    )
    world["other_round"] = CheckRoundFactory(municipality=other, year=2026)
    world["next_step"] = NextStep.objects.create(
        round=world["check_round"],
        recommendation="R1",
        action="r1.forum",
        text="Ein Quartiersforum mit Auftrag einrichten",
    )
    world["state_offer"] = SupportOfferFactory(municipality=None)
    world["local_offer"] = SupportOfferFactory(municipality=municipality)
    world["other_offer"] = SupportOfferFactory(municipality=other)


def pk(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def confirm(key, question="r1.forums"):
    return lambda w: {**m(w), "pk": w[key].pk, "question": question}


def shared_pk(key):
    return lambda w: {"pk": w[key].pk}


def offer_data(title="Beratung vor Ort"):
    return {
        "kind": "advice",
        "title": title,
        "provider": "Landratsamt",
        "description": "Beratung zu Förderanträgen.",
    }


CASES = [
    Case("support:check", TEAM, kwargs=m),
    Case(
        "support:round_new",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=m,
        data={"year": ""},
        label="post incomplete",
    ),
    Case(
        "support:round_new",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=m,
        data={"year": "2027"},
    ),
    Case("support:round", TEAM_OBJ, kwargs=pk("check_round")),
    Case(
        "support:round",
        ALL_404,
        kwargs=pk("other_round"),
        label="another municipality's",
    ),
    Case("support:answer", TEAM_OBJ, kwargs=pk("check_round")),
    Case(
        "support:answer",
        S(404, 404, 302, 302, 302, 404),
        "post",
        kwargs=pk("check_round"),
        data={"v_r1.forums": "3"},
    ),
    Case(
        "support:answer",
        S(404, 404, 403, 403, 403, 404),
        kwargs=pk("closed_round"),
        label="closed",
    ),
    Case("support:confirm", COORD_OBJ, kwargs=confirm("check_round")),
    Case(
        "support:confirm",
        S(404, 404, 403, 302, 302, 404),
        "post",
        kwargs=confirm("check_round"),
        data={"value": "2", "reason": "Gesehen."},
    ),
    Case(
        "support:confirm",
        S(404, 404, 403, 403, 403, 404),
        kwargs=confirm("closed_round"),
        label="closed",
    ),
    Case("support:result", TEAM_OBJ, kwargs=pk("check_round")),
    Case(
        "support:result",
        ALL_404,
        kwargs=pk("other_round"),
        label="another municipality's",
    ),
    Case("support:close", COORD_POST, "post", kwargs=pk("check_round")),
    Case("support:next_steps", COORD_POST, "post", kwargs=pk("check_round")),
    Case(
        "support:step_done",
        S(404, 404, 403, 302, 302, 404),
        "post",
        kwargs=pk("next_step"),
    ),
    Case("support:offers", ALL_200, kwargs=m),
    Case("support:guide", ALL_200, kwargs=m),
    Case("support:deadlines", ALL_200, kwargs=m),
    Case("support:offer_new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "support:offer_new",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=m,
        data=offer_data(),
    ),
    Case("support:offer", ALL_200, kwargs=pk("state_offer"), label="state-wide"),
    Case("support:offer", ALL_200, kwargs=pk("local_offer"), label="local"),
    Case(
        "support:offer",
        ALL_404,
        kwargs=pk("other_offer"),
        label="another municipality's",
    ),
    Case(
        "support:offer_edit",
        S(302, 403, 403, 200, 200, 403),
        kwargs=pk("local_offer"),
        label="local",
    ),
    Case(
        "support:offer_edit",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=pk("local_offer"),
        data=offer_data("Neu"),
        label="local",
    ),
    Case("support:offer_edit", ALL_404, kwargs=pk("state_offer"), label="state-wide"),
    Case("shared_support:list", ALL_200),
    Case("shared_support:deadlines", ALL_200),
    Case("shared_support:new", S(302, 403, 403, 403, 403, 403)),
    Case(
        "shared_support:new", S(403, 403, 403, 403, 403, 403), "post", data=offer_data()
    ),
    Case("shared_support:offer", ALL_200, kwargs=shared_pk("state_offer")),
    Case(
        "shared_support:offer", ALL_404, kwargs=shared_pk("local_offer"), label="local"
    ),
    Case(
        "shared_support:edit",
        S(302, 403, 403, 403, 403, 403),
        kwargs=shared_pk("state_offer"),
    ),
    Case(
        "shared_support:edit",
        S(403, 403, 403, 403, 403, 403),
        "post",
        kwargs=shared_pk("state_offer"),
        data=offer_data("Neu"),
    ),
]

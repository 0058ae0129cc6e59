"""Truth-table rows of the Fachberatung (docs/permissions.md, "Sharing with
advisers"). None of the table's roles is an adviser: the adviser's rows, by sharing
state (granted, expired, revoked, another module, none), are ADVISER_CASES, run by
test_adviser_matrix.py."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

ADVISER_STATES = ["granted", "expired", "revoked", "other_module", "upcoming", "none"]


def extend_world(world):
    from quartier.advisers.tests.factories import (
        AdvisoryOrganisationFactory,
        PracticeExampleFactory,
        SharingGrantFactory,
    )

    municipality = world["municipality"]
    organisation = AdvisoryOrganisationFactory(name="Fachstelle im Test")
    world["organisation"] = organisation
    world["grant"] = SharingGrantFactory(
        municipality=municipality, organisation=organisation
    )
    world["practice_example"] = PracticeExampleFactory(
        municipality=municipality, contact=world["coordinator"]
    )


def pk_of(key):
    return lambda w: {**m(w), "pk": w[key].pk}


def key_of(key):
    return lambda w: {**m(w), "key": key}


CONSULTATION = {"held_on": "2026-01-10", "topic": "Auftakt", "next_steps": "Weiter"}
QUESTION = {"question": "Wie haben Sie die Ehrenamtlichen gewonnen?"}

CASES = [
    Case("advisers:dashboard", S(302, 403, 403, 403, 403, 403)),
    Case("advisers:practice", S(302, 200, 200, 200, 200, 200)),
    Case(
        "advisers:practice_detail",
        S(404, 200, 200, 200, 200, 200),
        kwargs=pk_of("practice_example"),
    ),
    Case(
        "advisers:practice_detail",
        S(404, 302, 302, 302, 302, 302),
        "post",
        kwargs=pk_of("practice_example"),
        data=QUESTION,
        label="ask",
    ),
    Case("advisers:municipality", S(302, 403, 403, 403, 403, 403), kwargs=m),
    Case(
        "advisers:module",
        S(302, 403, 403, 200, 200, 403),
        kwargs=key_of("initiatives"),
        label="coordination's preview",
    ),
    Case("advisers:consultation_new", S(302, 403, 403, 403, 403, 403), kwargs=m),
    Case(
        "advisers:consultation_new",
        S(403, 403, 403, 403, 403, 403),
        "post",
        kwargs=m,
        data=CONSULTATION,
    ),
    Case("sharing:grants", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case("sharing:grant_new", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case(
        "sharing:grant_revoke",
        S(403, 403, 403, 403, 302, 403),
        "post",
        kwargs=pk_of("grant"),
    ),
    Case("sharing:log", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("sharing:consultations", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("sharing:practice", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("sharing:practice_new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "sharing:practice_withdraw",
        S(404, 403, 403, 302, 302, 403),
        "post",
        kwargs=pk_of("practice_example"),
    ),
]


# The adviser (a member of world["organisation"]) by the sharing state of the
# municipality's grant for the module "initiatives": state → expected status.
def A(granted, expired, revoked, other_module, upcoming, none):  # noqa: N802
    return dict(
        zip(
            ADVISER_STATES,
            [granted, expired, revoked, other_module, upcoming, none],
            strict=True,
        )
    )


ADVISER_CASES = [
    Case("advisers:dashboard", A(200, 200, 200, 200, 200, 200)),
    Case("advisers:practice", A(200, 200, 200, 200, 200, 200)),
    Case(
        "advisers:practice_detail",
        A(200, 200, 200, 200, 200, 200),
        kwargs=pk_of("practice_example"),
    ),
    Case("advisers:municipality", A(200, 403, 403, 200, 403, 403), kwargs=m),
    Case(
        "advisers:module",
        A(200, 403, 403, 403, 403, 403),
        kwargs=key_of("initiatives"),
    ),
    Case("advisers:consultation_new", A(200, 403, 403, 200, 403, 403), kwargs=m),
    Case(
        "advisers:consultation_new",
        A(302, 403, 403, 302, 403, 403),
        "post",
        kwargs=m,
        data=CONSULTATION,
    ),
    Case("sharing:grants", A(403, 403, 403, 403, 403, 403), kwargs=m),
    Case("sharing:grant_new", A(403, 403, 403, 403, 403, 403), kwargs=m),
    Case("sharing:log", A(403, 403, 403, 403, 403, 403), kwargs=m),
    Case("sharing:consultations", A(403, 403, 403, 403, 403, 403), kwargs=m),
    Case("sharing:practice", A(403, 403, 403, 403, 403, 403), kwargs=m),
    Case("sharing:practice_new", A(403, 403, 403, 403, 403, 403), kwargs=m),
]

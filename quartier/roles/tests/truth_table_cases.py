"""Truth-table rows of role profiles and qualification offers (docs/permissions.md,
"Role profiles and qualification"). Advisers are not one of the table's roles:
test_roles.py covers them."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

ALL_200 = S(200, 200, 200, 200, 200, 200)
ALL_404 = S(404, 404, 404, 404, 404, 404)
COORDINATION_GET = S(302, 403, 403, 200, 200, 403)
COORDINATION_POST = S(403, 403, 403, 302, 302, 403)


def profile_data(name="Vernetzer:in Altstadt"):
    return {
        "name": name,
        "tasks": "Akteure zusammenbringen",
        "securing": "volunteer",
        "competence_lines": "Moderation\nNetzwerkarbeit",
    }


def offer_data(title="Grundkurs Moderation"):
    return {
        "title": title,
        "provider": "Bildungswerk (fiktiv)",
        "format": "online",
        "competences": "Moderation",
    }


def extend_world(world):
    from quartier.core.models import Municipality
    from quartier.roles.tests.factories import (
        QualificationOfferFactory,
        RoleHolderFactory,
        RoleProfileFactory,
    )

    other = Municipality.objects.get(slug="beispielheim")
    profile = RoleProfileFactory(
        municipality=world["municipality"], name="Vernetzer:in"
    )
    world["role_profile"] = profile
    world["other_role_profile"] = RoleProfileFactory(municipality=other)
    # Named for the resident, who has not consented yet.
    world["role_holder"] = RoleHolderFactory(profile=profile, user=world["resident"])
    world["own_offer"] = QualificationOfferFactory(municipality=world["municipality"])
    world["shared_offer"] = QualificationOfferFactory(municipality=None)
    world["other_offer"] = QualificationOfferFactory(municipality=other)


def pk_of(key):
    return lambda w: {**m(w), "pk": w[key].pk}


CASES = [
    Case("roles:list", ALL_200, kwargs=m),
    Case("roles:new", COORDINATION_GET, kwargs=m),
    Case("roles:new", COORDINATION_POST, "post", kwargs=m, data=profile_data()),
    Case("roles:defaults", COORDINATION_POST, "post", kwargs=m),
    Case("roles:detail", ALL_200, kwargs=pk_of("role_profile")),
    Case(
        "roles:detail",
        ALL_404,
        kwargs=pk_of("other_role_profile"),
        label="another municipality's",
    ),
    Case("roles:edit", COORDINATION_GET, kwargs=pk_of("role_profile")),
    Case(
        "roles:edit",
        COORDINATION_POST,
        "post",
        kwargs=pk_of("role_profile"),
        data=profile_data("Netzwerker:in"),
    ),
    Case(
        "roles:edit",
        ALL_404,
        kwargs=pk_of("other_role_profile"),
        label="another municipality's",
    ),
    Case("roles:holder_add", COORDINATION_GET, kwargs=pk_of("role_profile")),
    Case(
        "roles:holder_add",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=pk_of("role_profile"),
        data={"actor": ""},
        label="without a choice: the form again",
    ),
    Case(
        "roles:holder_consent",
        S(404, 200, 404, 403, 403, 404),
        kwargs=pk_of("role_holder"),
        label="of the resident",
    ),
    Case(
        "roles:holder_consent",
        S(404, 302, 404, 403, 403, 404),
        "post",
        kwargs=pk_of("role_holder"),
        data={"consent": "on"},
        label="of the resident",
    ),
    Case(
        "roles:holder_remove",
        S(404, 302, 404, 302, 302, 404),
        "post",
        kwargs=pk_of("role_holder"),
        label="of the resident",
    ),
    Case("roles:offers", ALL_200, kwargs=m),
    Case("roles:offer_new", COORDINATION_GET, kwargs=m),
    Case("roles:offer_new", COORDINATION_POST, "post", kwargs=m, data=offer_data()),
    Case(
        "roles:offer_new",
        S(302, 403, 403, 403, 403, 403),
        kwargs=m,
        data={"shared": "1"},
        label="for all municipalities",
    ),
    Case("roles:offer_edit", COORDINATION_GET, kwargs=pk_of("own_offer"), label="own"),
    Case(
        "roles:offer_edit",
        COORDINATION_POST,
        "post",
        kwargs=pk_of("own_offer"),
        data=offer_data("Aufbaukurs Moderation"),
        label="own",
    ),
    Case(
        "roles:offer_edit",
        S(302, 403, 403, 403, 403, 403),
        kwargs=pk_of("shared_offer"),
        label="shared",
    ),
    Case(
        "roles:offer_edit",
        ALL_404,
        kwargs=pk_of("other_offer"),
        label="another municipality's",
    ),
]

"""Truth-table rows of the HSDS API (public JSON) and the import pages
(coordinators and admins)."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

EVERYONE = S(200, 200, 200, 200, 200, 200)
STAFF_PAGE = S(302, 403, 403, 200, 200, 403)


def extend_world(world):
    from quartier.directory.tests.factories import LocationFactory, ServiceFactory
    from quartier.hsds import serializers as ser
    from quartier.hsds.models import ImportJob

    municipality = world["municipality"]
    location = LocationFactory(municipality=municipality)
    service = ServiceFactory(
        municipality=municipality, provider=world["actor"], locations=[location]
    )
    world["hsds_service"] = service
    world["hsds_sal"] = service.service_at_locations.get()
    world["hsds_org_id"] = ser.organization_id(world["actor"])
    world["hsds_internal_org_id"] = ser.organization_id(world["internal_actor"])
    world["hsds_taxonomy_id"] = ser.TAXONOMY_BY_KEY["topic"].id
    world["hsds_term_id"] = ser.feature_term_id("kostenlos")
    world["hsds_job"] = ImportJob.objects.create(
        municipality=municipality,
        format="json",
        filename="angebote.json",
        status="done",
        created_by=world["coordinator"],
    )


def with_pk(key):
    return lambda w: {**m(w), "pk": str(getattr(w[key], "pk", w[key]))}


CASES = [
    Case("hsds:index", EVERYONE, kwargs=m),
    Case("hsds:profile", EVERYONE, kwargs=m),
    Case("hsds:openapi", EVERYONE, kwargs=m),
    Case(
        "hsds:schema",
        EVERYONE,
        kwargs=lambda w: {"municipality_slug": "musterstadt", "name": "service.json"},
    ),
    Case("hsds:services", EVERYONE, kwargs=m),
    Case("hsds:service", EVERYONE, kwargs=with_pk("hsds_service")),
    Case("hsds:organizations", EVERYONE, kwargs=m),
    Case("hsds:organization", EVERYONE, kwargs=with_pk("hsds_org_id")),
    Case(
        "hsds:organization",
        S(404, 404, 404, 404, 404, 404),
        kwargs=with_pk("hsds_internal_org_id"),
        label="internal actor",
    ),
    Case("hsds:service_at_locations", EVERYONE, kwargs=m),
    Case("hsds:service_at_location", EVERYONE, kwargs=with_pk("hsds_sal")),
    Case("hsds:taxonomies", EVERYONE, kwargs=m),
    Case("hsds:taxonomy", EVERYONE, kwargs=with_pk("hsds_taxonomy_id")),
    Case("hsds:taxonomy_terms", EVERYONE, kwargs=m),
    Case("hsds:taxonomy_term", EVERYONE, kwargs=with_pk("hsds_term_id")),
    Case("hsds:export", EVERYONE, kwargs=m),
    Case("hsds:import", STAFF_PAGE, kwargs=m),
    Case(
        "hsds:import",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=m,
        label="post without a file",
    ),
    Case("hsds:import_template", STAFF_PAGE, kwargs=m),
    Case(
        "hsds:import_job",
        S(404, 404, 404, 200, 200, 404),
        kwargs=with_pk("hsds_job"),
    ),
]

"""URLs of the hsds app, mounted at /<municipality_slug>/hsds/ (namespace "hsds"):
the HSDS 3.0 read API (paths as in the specification's openapi.json), the export
file and the import pages."""

from django.urls import path

from quartier.hsds.views import api, imports

app_name = "hsds"

urlpatterns = [
    path("", api.index, name="index"),
    path("profile", api.profile, name="profile"),
    path("openapi.json", api.openapi, name="openapi"),
    path("schemas/<str:name>", api.schema_file, name="schema"),
    path("services", api.services, name="services"),
    path("services/<str:pk>", api.service_detail, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:pk>", api.organization_detail, name="organization"),
    path("service_at_locations", api.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:pk>",
        api.service_at_location_detail,
        name="service_at_location",
    ),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", api.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", api.taxonomy_term_detail, name="taxonomy_term"),
    path("export.json", api.export, name="export"),
    path("import/", imports.import_start, name="import"),
    path("import/template.csv", imports.import_template, name="import_template"),
    path("import/<uuid:pk>/", imports.import_job, name="import_job"),
]

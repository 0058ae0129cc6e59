"""Views of the opendata app: the open-data page, the DCAT-AP.de catalogue
(JSON-LD, RDF/XML), the files the registry's datasets bring along, and the
admins' settings. Every public read goes through the gate with
"opendata.view_open_data" (everybody)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.core import open_datasets as od
from quartier.core.forms import add_service_errors
from quartier.core.gate import require
from quartier.core.models import TenantRequest
from quartier.opendata import kept, services
from quartier.opendata.catalog import build_graph, file_url
from quartier.opendata.forms import OpenDataSettingsForm
from quartier.opendata.models import OpenDataSettings

VIEW = "opendata.view_open_data"


@require_GET
def index(request: TenantRequest) -> HttpResponse:
    require(request, VIEW)
    municipality = request.municipality
    changes = kept.last_changes(municipality)
    rows = [
        {
            "dataset": dataset,
            "changed": changes[dataset.key],
            "files": [
                (dist, file_url(municipality, dataset, dist))
                for dist in dataset.distributions
            ],
        }
        for dataset in od.datasets()
    ]
    context = {
        "rows": rows,
        "settings": OpenDataSettings.for_(municipality),
        "may_configure": request.user.has_perm(
            "opendata.change_settings", municipality
        ),
    }
    return render(request, "opendata/index.html", context)


@require_GET
def data_file(request: TenantRequest, dataset: str, extension: str) -> HttpResponse:
    require(request, VIEW)
    found = od.get(dataset)
    for dist in found.distributions if found else ():
        if dist.build is not None and dist.extension == extension:
            return dist.build(request)
    raise Http404


@require_GET
def catalog_jsonld(request: TenantRequest) -> HttpResponse:
    require(request, VIEW)
    body = kept.catalogue(
        request,
        "json-ld",
        lambda settings: build_graph(request, settings).serialize(
            format="json-ld", indent=1
        ),
    )
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


@require_GET
def catalog_rdf(request: TenantRequest) -> HttpResponse:
    require(request, VIEW)
    body = kept.catalogue(
        request,
        "pretty-xml",
        lambda settings: build_graph(request, settings).serialize(format="pretty-xml"),
    )
    return HttpResponse(body, content_type="application/rdf+xml; charset=utf-8")


def open_data_settings(request: TenantRequest) -> HttpResponse:
    require(request, "opendata.change_settings")
    municipality = request.municipality
    form = OpenDataSettingsForm(
        request.POST or None, instance=OpenDataSettings.for_(municipality)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.open_data_settings_update(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The open-data settings were saved."))
            return redirect("opendata:index", municipality_slug=municipality.slug)
    return render(request, "opendata/settings.html", {"form": form})

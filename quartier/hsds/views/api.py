"""The HSDS 3.0 read API of a municipality under /<slug>/hsds/ (docs/hsds.md).

Plain JSON views: only listed offerings (active or temporarily closed, of a public
actor, not archived), places that are not archived and public actors. Lists use the
specification's Page wrapper; bad query parameters answer 400 and unknown ids 404,
both as JSON with `detail`.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from quartier.actors.models import Actor
from quartier.core import dates
from quartier.core.gate import get_object_for
from quartier.core.kept_until_changed import kept, kept_key
from quartier.core.models import Neighborhood
from quartier.core.origin import writes_nothing
from quartier.directory.models import (
    Location,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from quartier.directory.search import search_services
from quartier.hsds import schema
from quartier.hsds import serializers as ser

PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 10**6
JSON_OPTIONS = {"ensure_ascii": False}


class BadRequest(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params=JSON_OPTIONS)


# The API is read-only and public: every answer may be read by any web page.
READ_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ", ".join(READ_METHODS),
}


def api_view(func: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public read-only API view: GET and HEAD; OPTIONS answers the allowed
    methods; any other method 405 with JSON (never the CSRF page: nothing is
    written, so CSRF protection has nothing to protect); errors as JSON with
    `detail` (400, 403, 404); every answer may be read cross-origin."""

    @writes_nothing  # it answers writes with 405 itself (core/origin.py)
    @csrf_exempt
    @wraps(func)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in READ_METHODS:
            response = _json(
                {"detail": _("This interface only reads data: use GET.")}, status=405
            )
        else:
            response = _answer(func, request, *args, **kwargs)
        response["Allow"] = ", ".join(READ_METHODS)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        return response

    return wrapper


def _answer(
    func: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    try:
        return func(request, *args, **kwargs)
    except BadRequest as exc:
        return _json({"detail": exc.detail}, status=400)
    except Http404:
        return _json({"detail": _("Not found.")}, status=404)
    except PermissionDenied:
        return _json({"detail": _("Not allowed.")}, status=403)


def context(request: HttpRequest) -> ser.Context:
    return ser.Context(
        municipality=request.municipality,  # type: ignore[attr-defined]
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )


# ---------------------------------------------------------------------------
# Query parameters


def _int(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadRequest(
            _("%(name)s must be a whole number.") % {"name": name}
        ) from exc
    if value < low:
        raise BadRequest(
            _("%(name)s must be at least %(low)s.") % {"name": name, "low": low}
        )
    return min(value, high)


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise BadRequest(_("%(name)s must be a UUID.") % {"name": name}) from exc


def modified_after(request: HttpRequest) -> Any:
    # Through the one guarded parser (core/dates.py): 0001-01-01 once gave 500.
    try:
        return dates.parse_datetime(request.GET.get("modified_after", ""))
    except ValidationError as exc:
        raise BadRequest(
            _("modified_after: %(problem)s") % {"problem": dates.message(exc)}
        ) from exc


def _bool_param(request: HttpRequest, name: str) -> bool:
    return request.GET.get(name, "").strip().lower() in ("1", "true", "yes", "ja")


def _total(request: HttpRequest, items: QuerySet) -> int:
    """The exact number of `items` (the specification's total_items), kept until
    the data changes (`core/kept_until_changed.py`): counting 20,000 listed offerings with their
    providers cost more than the rest of a page. The key is the list and its
    filters, not the page asked for."""
    filters = sorted(
        (name, value)
        for name, value in request.GET.lists()
        if name not in ("page", "per_page")
    )
    return kept(kept_key("hsds-total", request.path, filters), items.count)


def page_of(
    request: HttpRequest,
    items: QuerySet | Sequence[Any],
    serialize: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """The specification's Page wrapper around one page of `items`."""
    page = _int(request, "page", 1, 1, MAX_PAGE)
    per_page = _int(request, "per_page", PER_PAGE, 1, MAX_PER_PAGE)
    total = _total(request, items) if isinstance(items, QuerySet) else len(items)
    start = (page - 1) * per_page
    rows = list(items[start : start + per_page])
    # A kept total may lag behind a write made outside the web: a page never
    # states fewer items than it reaches.
    total = max(total, start + len(rows))
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        # The number of items on this page (as validators and other HSDS servers
        # read it), not the page size asked for.
        "size": len(rows),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not rows,
        "contents": [serialize(row) for row in rows],
    }


# ---------------------------------------------------------------------------
# Querysets


def listed_services(municipality: Any) -> QuerySet[Service]:
    return Service.objects.of(municipality).listed()


def public_actors(municipality: Any) -> QuerySet[Actor]:
    return (
        Actor.objects.of(municipality)
        .public()
        .active()
        .select_related("municipality", "hsds_link")
    )


def actor_for_organization_id(municipality: Any, org_id: uuid.UUID) -> int | None:
    """The actor key behind an HSDS organisation id (linked or derived)."""
    from quartier.hsds.models import OrganizationLink

    linked = (
        OrganizationLink.objects.filter(municipality=municipality, hsds_id=org_id)
        .values_list("actor_id", flat=True)
        .first()
    )
    if linked:
        return linked
    for pk in Actor.objects.of(municipality).values_list("pk", flat=True):
        if ser.derived_id(municipality.slug, "actor", pk) == str(org_id):
            return pk
    return None


def services_with_term(
    municipality: Any, services: QuerySet[Service], term_id: uuid.UUID
) -> QuerySet[Service]:
    key = str(term_id)
    if TaxonomyTerm.objects.of(municipality).filter(pk=term_id).exists():
        return services.filter(terms=term_id)
    for place in Neighborhood.objects.of(municipality):
        if ser.neighborhood_term_id(municipality, place) == key:
            return services.filter(neighborhoods=place)
    if key == ser.feature_term_id("kostenlos"):
        return services.filter(free_of_charge=True)
    if key in (ser.feature_term_id("barrierefrei"),):
        return services.filter(barrier_free=True)
    if key == ser.feature_term_id("barrierefreiheit"):
        return services.exclude(accessibility="")
    for code in ser.MeetingPlaceKind.values:
        if key == ser.meeting_place_term_id(code):
            return services.filter(
                locations__is_meeting_place=True, locations__meeting_place_kind=code
            )
    return services.none()


def services_in_taxonomy(
    services: QuerySet[Service], taxonomy_id: uuid.UUID
) -> QuerySet[Service]:
    key = str(taxonomy_id)
    for info in ser.TAXONOMIES:
        if info.id != key:
            continue
        if info.key == "neighborhood":
            return services.filter(neighborhoods__isnull=False)
        if info.key in ("topic", "target_group", "health_layer"):
            return services.filter(terms__taxonomy=info.key)
        if info.key == "meeting_place":
            return services.filter(locations__is_meeting_place=True)
        return services
    return services.none()


def filtered_services(request: HttpRequest) -> QuerySet[Service]:
    municipality = request.municipality  # type: ignore[attr-defined]
    services = listed_services(municipality)
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id:
        services = services_with_term(municipality, services, term_id)
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        services = services_in_taxonomy(services, taxonomy_id)
    org_id = _uuid(request, "organization_id")
    if org_id:
        actor_pk = actor_for_organization_id(municipality, org_id)
        services = (
            services.filter(provider_id=actor_pk) if actor_pk else services.none()
        )
    after = modified_after(request)
    if after:
        services = services.filter(modified_at__gte=after)
    if term_id or taxonomy_id:
        services = Service.objects.filter(pk__in=services.values("pk"))
    text = request.GET.get("search", "").strip()
    if text:
        services = search_services(services, text, municipality)
    else:
        services = services.order_by("name", "id")
    return services


def with_relations(services: QuerySet[Service], *, full: bool) -> QuerySet[Service]:
    services = services.select_related(*ser.SERVICE_SELECT)
    if full:
        services = services.prefetch_related(*ser.SERVICE_PREFETCH)
    return services


def all_terms(ctx: ser.Context) -> list[dict[str, Any]]:
    """Every taxonomy term of the municipality as HSDS, in a fixed order."""
    municipality = ctx.municipality
    terms = [ser.taxonomy_term(term) for term in TaxonomyTerm.objects.of(municipality)]
    terms += [
        ser.neighborhood_term(ctx, place)
        for place in Neighborhood.objects.of(municipality).order_by("name")
    ]
    return terms + ser.fixed_terms()


# ---------------------------------------------------------------------------
# Views


@api_view
def index(request: HttpRequest) -> HttpResponse:
    slug = request.municipality.slug  # type: ignore[attr-defined]
    return _json(
        {
            "version": ser.HSDS_VERSION,
            "profile": request.build_absolute_uri(
                reverse("hsds:profile", kwargs={"municipality_slug": slug})
            ),
            "openapi_url": request.build_absolute_uri(
                reverse("hsds:openapi", kwargs={"municipality_slug": slug})
            ),
        }
    )


@api_view
def profile(request: HttpRequest) -> HttpResponse:
    """How Quartier uses HSDS: taxonomies for German specifics (docs/hsds.md)."""
    return _json(
        {
            "name": "Quartier HSDS 3.0",
            "description": (
                "Angebote und Orte einer Kommune aus Quartier. Themen, Zielgruppen, "
                "Gesundheitsdeterminanten, Stadtteile, Kosten und Barrierefreiheit "
                "sind Attribute, die auf Begriffe dieser Taxonomien zeigen."
            ),
            "taxonomies": [ser.taxonomy(info) for info in ser.TAXONOMIES],
        }
    )


# The specification's openapi.json points at schema files on the internet
# (raw.githubusercontent.com/…/schema/compiled/service_list.json and the like).
# Quartier answers with the schema files it ships and serves itself.
REMOTE_SCHEMA = re.compile(
    r"^https?://.*/schema/(?:compiled/)?(?P<name>[a-z_]+)\.json$"
)
# What an answer of these paths holds where the specification names another file.
SCHEMA_OF_PATH = {"/service_at_locations/{id}": "service_at_location"}


def schema_url(request: HttpRequest, name: str) -> str:
    slug = request.municipality.slug  # type: ignore[attr-defined]
    return request.build_absolute_uri(
        reverse("hsds:schema", kwargs={"municipality_slug": slug, "name": name})
    )


def _own_refs(request: HttpRequest, node: Any, path: str = "") -> Any:
    """`node` with every remote $ref replaced by the URL of Quartier's copy
    (`path`: the API path whose operations `node` describes)."""
    if isinstance(node, list):
        return [_own_refs(request, item, path) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        match = REMOTE_SCHEMA.match(value) if isinstance(value, str) else None
        if key == "$ref" and match:
            name = SCHEMA_OF_PATH.get(path, match["name"].removesuffix("_list"))
            result[key] = schema_url(request, f"{name}.json")
        else:
            result[key] = _own_refs(request, value, path)
    return result


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    try:
        document = schema.openapi()
    except Exception as exc:  # noqa: BLE001 - the schema folder is missing
        raise Http404 from exc
    paths = document.pop("paths", {})
    document = _own_refs(request, document)
    document["paths"] = {
        path: _own_refs(request, operations, path) for path, operations in paths.items()
    }
    document["info"] = {
        "title": f"HSDS 3.0 – {municipality.name} (Quartier)",
        "version": ser.HSDS_VERSION,
        "description": (
            "Angebote und Orte aus Quartier im Format Open Referral HSDS. "
            "Schemas: Human Services Data Specification: an Open Referral resource "
            "(https://openreferral.org/), CC BY-SA 4.0."
        ),
        "license": {"name": "EUPL-1.2 (software)"},
    }
    document["servers"] = [
        {
            "url": request.build_absolute_uri(
                reverse("hsds:index", kwargs={"municipality_slug": municipality.slug})
            ).rstrip("/")
        }
    ]
    return _json(document)


@api_view
def schema_file(request: HttpRequest, name: str) -> HttpResponse:
    """One of the specification's JSON schemas, as shipped (openapi.json refers to
    them; their own `$ref`s are file names relative to this URL)."""
    try:
        return _json(schema.schemas()[name])
    except KeyError as exc:
        raise Http404 from exc


@api_view
def services(request: HttpRequest) -> HttpResponse:
    ctx = context(request)
    full = _bool_param(request, "full")
    items = with_relations(filtered_services(request), full=full)
    return _json(page_of(request, items, lambda s: ser.service(ctx, s, full=full)))


def _service_or_404(request: HttpRequest, pk: str) -> Service:
    try:
        key = uuid.UUID(pk)
    except ValueError as exc:
        raise Http404 from exc
    municipality = request.municipality  # type: ignore[attr-defined]
    return get_object_for(
        request,
        with_relations(listed_services(municipality), full=True),
        pk=key,
    )


@api_view
def service_detail(request: HttpRequest, pk: str) -> HttpResponse:
    return _json(ser.service(context(request), _service_or_404(request, pk)))


def _actor_or_404(request: HttpRequest, pk: str) -> Actor:
    municipality = request.municipality  # type: ignore[attr-defined]
    try:
        key = uuid.UUID(pk)
    except ValueError as exc:
        raise Http404 from exc
    actor_pk = actor_for_organization_id(municipality, key)
    if actor_pk is None:
        raise Http404
    return get_object_for(request, public_actors(municipality), pk=actor_pk)


@api_view
def organizations(request: HttpRequest) -> HttpResponse:
    ctx = context(request)
    actors = public_actors(ctx.municipality)
    text = request.GET.get("search", "").strip()
    if text:
        actors = actors.search(text)  # type: ignore[attr-defined]
    after = modified_after(request)
    if after:
        actors = actors.filter(updated_at__gte=after)
    return _json(
        page_of(
            request, actors.order_by("name", "id"), lambda a: ser.organization(ctx, a)
        )
    )


@api_view
def organization_detail(request: HttpRequest, pk: str) -> HttpResponse:
    ctx = context(request)
    actor = _actor_or_404(request, pk)
    data = ser.organization(ctx, actor)
    places = (
        Location.objects.of(ctx.municipality)
        .active()
        .filter(owner=actor)
        .select_related(*ser.LOCATION_SELECT)
        .prefetch_related(*ser.LOCATION_PREFETCH)
    )
    located = [ser.location(ctx, place) for place in places]
    if located:
        data["locations"] = located
    return _json(data)


def _service_at_locations(request: HttpRequest) -> QuerySet[ServiceAtLocation]:
    municipality = request.municipality  # type: ignore[attr-defined]
    services = listed_services(municipality)
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id:
        services = services_with_term(municipality, services, term_id)
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        services = services_in_taxonomy(services, taxonomy_id)
    org_id = _uuid(request, "organization_id")
    if org_id:
        actor_pk = actor_for_organization_id(municipality, org_id)
        services = (
            services.filter(provider_id=actor_pk) if actor_pk else services.none()
        )
    text = request.GET.get("search", "").strip()
    if text:
        services = search_services(services, text, municipality)
    rows = ServiceAtLocation.objects.filter(
        service__in=services.values("pk"), location__archived_at__isnull=True
    )
    after = modified_after(request)
    if after:
        rows = rows.filter(modified_at__gte=after)
    return (
        rows.select_related(*(f"location__{name}" for name in ser.LOCATION_SELECT))
        .prefetch_related(*(f"location__{name}" for name in ser.LOCATION_PREFETCH))
        .order_by("location__name", "id")
    )


@api_view
def service_at_locations(request: HttpRequest) -> HttpResponse:
    ctx = context(request)
    return _json(
        page_of(
            request,
            _service_at_locations(request),
            lambda row: ser.service_at_location(ctx, row),
        )
    )


@api_view
def service_at_location_detail(request: HttpRequest, pk: str) -> HttpResponse:
    ctx = context(request)
    try:
        key = uuid.UUID(pk)
    except ValueError as exc:
        raise Http404 from exc
    row = ServiceAtLocation.objects.filter(
        pk=key,
        service__in=listed_services(ctx.municipality).values("pk"),
        location__archived_at__isnull=True,
    ).first()
    if row is None:
        raise Http404
    service = _service_or_404(request, str(row.service_id))
    for entry in service.service_at_locations.all():
        if entry.pk == row.pk:
            data = ser.service_at_location(ctx, entry)
            data["service"] = ser.service(ctx, service, full=False)
            return _json(data)
    raise Http404


def _search_dicts(request: HttpRequest, items: list[dict]) -> list[dict]:
    text = request.GET.get("search", "").strip().lower()
    if not text:
        return items
    return [
        item
        for item in items
        if text in item.get("name", "").lower()
        or text in item.get("description", "").lower()
        or text in item.get("code", "").lower()
    ]


@api_view
def taxonomies(request: HttpRequest) -> HttpResponse:
    items = _search_dicts(request, [ser.taxonomy(info) for info in ser.TAXONOMIES])
    return _json(page_of(request, items, lambda item: item))


@api_view
def taxonomy_detail(request: HttpRequest, pk: str) -> HttpResponse:
    for info in ser.TAXONOMIES:
        if info.id == pk:
            return _json(ser.taxonomy(info))
    raise Http404


@api_view
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    ctx = context(request)
    items = _search_dicts(request, all_terms(ctx))
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        items = [i for i in items if i.get("taxonomy_id") == str(taxonomy_id)]
    parent_id = _uuid(request, "parent_id")
    if parent_id:
        items = [i for i in items if i.get("parent_id") == str(parent_id)]
    if _bool_param(request, "top_only"):
        items = [i for i in items if "parent_id" not in i]
    return _json(page_of(request, items, lambda item: item))


@api_view
def taxonomy_term_detail(request: HttpRequest, pk: str) -> HttpResponse:
    for item in all_terms(context(request)):
        if item["id"] == pk:
            return _json(item)
    raise Http404


def export_document(ctx: ser.Context) -> dict[str, Any]:
    """Everything public of the municipality as one HSDS JSON document (the same
    shape the import accepts)."""
    services = with_relations(
        listed_services(ctx.municipality).order_by("name", "id"), full=True
    )
    return {
        "version": ser.HSDS_VERSION,
        "services": [ser.service(ctx, s) for s in services],
        "organizations": [
            ser.organization(ctx, a)
            for a in public_actors(ctx.municipality).order_by("name", "id")
        ],
        "taxonomies": [ser.taxonomy(info) for info in ser.TAXONOMIES],
        "taxonomy_terms": all_terms(ctx),
    }


@api_view
def export(request: HttpRequest) -> HttpResponse:
    ctx = context(request)
    response = HttpResponse(
        json.dumps(export_document(ctx), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="hsds-{ctx.municipality.slug}.json"'
    )
    return response

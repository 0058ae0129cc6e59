"""Views of the directory: the searchable list of offerings with a map beside it,
offering and place pages, meeting places, and the forms of partners and
coordinators (offering and place with their schedules and contacts)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import COUNT_LIMIT, keyset_page
from quartier.core.predicates import is_coordinator
from quartier.core.row_urls import url_maker
from quartier.core.word_search import every_word, words_of
from quartier.directory import services
from quartier.directory.forms import (
    DirectoryFilterForm,
    LocationForm,
    ServiceForm,
    StatusForm,
    TermForm,
    contact_formset,
    schedule_formset,
)
from quartier.directory.models import (
    LANGUAGE_NAMES,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceStatus,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)
from quartier.directory.opening import describe_schedule, is_open_now
from quartier.directory.search import NAME_ORDER, search_services

PAGE_SIZE = 20
# The list counts its offerings up to COUNT_LIMIT (core/pagination), a search or
# filtered list up to this many.
FILTERED_COUNT_LIMIT = 100


# ---------------------------------------------------------------------------
# Helpers


def _location_feature(location: Location, text: str = "") -> dict[str, Any] | None:
    if not location.has_coordinates:
        return None
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [float(location.longitude), float(location.latitude)],  # type: ignore[arg-type]
        },
        "properties": {
            "title": location.name,
            "url": location.get_absolute_url(),
            "text": text or location.address_line,
        },
    }


def _collection(features: list[dict[str, Any] | None]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [f for f in features if f]}


def filter_services(
    queryset: QuerySet[Service], filters: dict[str, Any], municipality: Any
) -> QuerySet[Service]:
    """Apply the directory's filters (DirectoryFilterForm.filters()) to offerings."""
    through = Service.terms.through
    for key in ("topic", "group"):
        code = filters.get(key)
        if code:
            taxonomy = Taxonomy.TOPIC if key == "topic" else Taxonomy.TARGET_GROUP
            queryset = queryset.filter(
                Exists(
                    through.objects.filter(
                        service_id=OuterRef("pk"),
                        taxonomyterm__taxonomy=taxonomy,
                        taxonomyterm__code=code,
                    )
                )
            )
    if filters.get("language"):
        queryset = queryset.filter(
            Exists(
                ServiceLanguage.objects.filter(
                    service_id=OuterRef("pk"), code=filters["language"]
                )
            )
        )
    if filters.get("neighborhood"):
        slug = filters["neighborhood"]
        served = Service.neighborhoods.through.objects.filter(
            service_id=OuterRef("pk"), neighborhood__slug=slug
        )
        located = ServiceAtLocation.objects.filter(
            service_id=OuterRef("pk"), location__neighborhood__slug=slug
        )
        queryset = queryset.filter(Exists(served) | Exists(located))
    if filters.get("free"):
        queryset = queryset.filter(free_of_charge=True)
    if filters.get("barrier_free"):
        located_barrier_free = ServiceAtLocation.objects.filter(
            service_id=OuterRef("pk"), location__barrier_free=True
        )
        queryset = queryset.filter(Q(barrier_free=True) | Exists(located_barrier_free))
    if filters.get("open_now"):
        queryset = queryset.filter(pk__in=open_service_ids(queryset, timezone.now()))
    return queryset


def open_service_ids(queryset: QuerySet[Service], moment: Any) -> list[Any]:
    """Ids of offerings in `queryset` with a schedule open at `moment` (one query)."""
    by_service: dict[Any, list[Schedule]] = {}
    for schedule in Schedule.objects.filter(service__in=queryset.values("pk")).only(
        "service_id",
        "freq",
        "interval",
        "byday",
        "bymonthday",
        "opens_at",
        "closes_at",
        "dtstart",
        "valid_from",
        "valid_to",
    ):
        by_service.setdefault(schedule.service_id, []).append(schedule)
    return [pk for pk, rows in by_service.items() if is_open_now(rows, moment)]


def _with_page_data(services_page: list[Service]) -> None:
    """Attach the terms, languages, schedules and places of a page of offerings."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        services_page,
        Prefetch(
            "terms", queryset=TaxonomyTerm.objects.order_by("taxonomy", "position")
        ),
        "languages",
        "schedules",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__municipality"
            ),
        ),
    )


def _url_maker(name: str, municipality: Any) -> Any:
    """A function pk → the address of `name` in `municipality` (UUID keys)."""
    return url_maker(name, municipality, marker=uuid.UUID(int=0))


def _list_rows(page: list[Service], municipality: Any) -> dict[str, Any]:
    """What the list shows of each offering of a page, as plain values set on the
    offering (`row_*`), and the map's features: four queries of plain rows instead
    of prefetched model instances and a related manager per row and lookup."""
    ids = [service.pk for service in page]
    topics: dict[Any, list[str]] = {pk: [] for pk in ids}
    groups: dict[Any, list[str]] = {pk: [] for pk in ids}
    for service_id, taxonomy, name in (
        ServiceTerm.objects.filter(
            service_id__in=ids,
            taxonomyterm__taxonomy__in=[Taxonomy.TOPIC, Taxonomy.TARGET_GROUP],
        )
        .order_by("taxonomyterm__taxonomy", "taxonomyterm__position")
        .values_list("service_id", "taxonomyterm__taxonomy", "taxonomyterm__name")
    ):
        (topics if taxonomy == Taxonomy.TOPIC else groups)[service_id].append(name)
    languages: dict[Any, list[tuple[str, str]]] = {pk: [] for pk in ids}
    for service_id, code in (
        ServiceLanguage.objects.filter(service_id__in=ids)
        .order_by("code")
        .values_list("service_id", "code")
    ):
        languages[service_id].append((code, str(LANGUAGE_NAMES.get(code, code))))
    schedules: dict[Any, list[str]] = {pk: [] for pk in ids}
    for schedule in Schedule.objects.filter(service_id__in=ids).order_by(
        "position", "opens_at"
    ):
        shown = schedules[schedule.service_id]
        if len(shown) < 2:
            shown.append(str(schedule))
    places: dict[Any, list[tuple[Any, str, Any, Any]]] = {pk: [] for pk in ids}
    for service_id, *place in (
        ServiceAtLocation.objects.filter(service_id__in=ids)
        .order_by("location__name")
        .values_list(
            "service_id",
            "location_id",
            "location__name",
            "location__latitude",
            "location__longitude",
        )
    ):
        places[service_id].append(tuple(place))  # type: ignore[arg-type]
    service_url = _url_maker("directory:service", municipality)
    place_url = _url_maker("directory:location", municipality)
    features: list[dict[str, Any] | None] = []
    seen = set()
    for service in page:
        service.row_url = service_url(service.pk)  # type: ignore[attr-defined]
        service.row_topics = topics[service.pk]  # type: ignore[attr-defined]
        service.row_groups = groups[service.pk]  # type: ignore[attr-defined]
        service.row_languages = languages[service.pk]  # type: ignore[attr-defined]
        service.row_schedules = schedules[service.pk]  # type: ignore[attr-defined]
        service.row_places = [name for _pk, name, _lat, _lon in places[service.pk]]  # type: ignore[attr-defined]
        for pk, name, latitude, longitude in places[service.pk]:
            if pk in seen:
                continue
            seen.add(pk)
            if latitude is None or longitude is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [float(longitude), float(latitude)],
                    },
                    "properties": {
                        "title": name,
                        "url": place_url(pk),
                        "text": service.name,
                    },
                }
            )
    return _collection(features)


# ---------------------------------------------------------------------------
# Public pages


@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    form = DirectoryFilterForm(request.GET or None, municipality=municipality)
    filters = form.filters()
    offerings = Service.objects.of(municipality).listed().select_related("provider")
    offerings = filter_services(offerings, filters, municipality)
    text = filters.get("q") or ""
    offerings = search_services(offerings, text, municipality)
    offerings = offerings.defer(
        "accessibility", "application_process", "eligibility_description"
    )
    # Keyset pages ("next"/"previous") and a count up to a limit: page 500 costs
    # what page 1 costs, and 20,000 offerings are not counted on every request. A
    # search or filter tests each row it counts (words in three fields, topics), so
    # it counts fewer: "more than 100" is all a too wide search needs to know.
    page = keyset_page(
        offerings,
        NAME_ORDER,
        request.GET,
        size=PAGE_SIZE,
        count_limit=FILTERED_COUNT_LIMIT if filters else COUNT_LIMIT,
    )
    features = _list_rows(page.object_list, municipality)
    context = {
        "form": form,
        "page": page,
        "features": features,
        "filtered": bool(filters),
        "can_add": request.user.has_perm("directory.add_service", municipality),
        "can_manage": request.user.has_perm("directory.manage_services", municipality),
    }
    return render(request, "directory/service_list.html", context)


@require_GET
def service_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    service = get_object_for(
        request, Service.objects.select_related("provider", "municipality"), pk=pk
    )
    _with_page_data([service])
    if service.provider.municipality_id == service.municipality_id:
        # The provider's link needs its municipality: the one already read.
        service.provider.municipality = service.municipality
    locations = [sal.location for sal in service.service_at_locations.all()]
    can_edit = request.user.has_perm("directory.change_service", service)
    context = {
        "service": service,
        "schedules": [describe_schedule(s) for s in service.schedules.all()],
        "locations": locations,
        "contacts": list(service.contacts.all()),
        "neighborhoods": list(service.neighborhoods.all()),
        "features": _collection([_location_feature(loc) for loc in locations]),
        "open_now": is_open_now(service.schedules.all(), timezone.now()),
        "can_edit": can_edit,
        "status_form": StatusForm(initial={"status": service.status})
        if can_edit
        else None,
        "history": service.history.select_related("history_user")[:10]
        if can_edit
        else [],
    }
    return render(request, "directory/service_detail.html", context)


@require_GET
def location_list(request: HttpRequest, meeting: bool = False) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    places = (
        Location.objects.of(municipality)
        .active()
        .select_related("neighborhood", "municipality")
    )
    if meeting:
        places = places.meeting_places()
    page = Paginator(places, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    context = {
        "page": page,
        "meeting": meeting,
        "features": _collection(
            [
                _location_feature(
                    loc, loc.get_meeting_place_kind_display() if meeting else ""
                )
                for loc in page.object_list
            ]
        ),
        "can_add": request.user.has_perm("directory.add_location", municipality),
    }
    return render(request, "directory/location_list.html", context)


@require_GET
def meeting_places(request: HttpRequest) -> HttpResponse:
    return location_list(request, meeting=True)


@require_GET
def location_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    location = get_object_for(
        request,
        Location.objects.select_related("neighborhood", "owner", "municipality"),
        pk=pk,
    )
    offerings = list(
        Service.objects.of(request.municipality)
        .listed()
        .filter(service_at_locations__location=location)
        .select_related("provider")
        .prefetch_related("schedules")
    )
    context = {
        "location": location,
        "schedules": [describe_schedule(s) for s in location.schedules.all()],
        "contacts": list(location.contacts.all()),
        "offerings": offerings,
        "features": _collection([_location_feature(location)]),
        "can_edit": request.user.has_perm("directory.change_location", location),
    }
    return render(request, "directory/location_detail.html", context)


# ---------------------------------------------------------------------------
# Partners and coordinators


# "Offerings I maintain": the places shown at most, and counted at most.
MANAGE_PLACES = 20
MANAGE_PLACES_COUNTED = 100


@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The offerings and places the user maintains (all for coordinators)."""
    require(request, "directory.manage_services")
    municipality = request.municipality
    offerings = Service.objects.of(municipality).select_related("provider")
    places = Location.objects.of(municipality)
    if not is_coordinator.test(request.user, municipality):
        offerings = offerings.filter(provider__members=request.user)
        places = places.filter(owner__members=request.user)
    # Keyset pages in the list's order (index directory_service_list_order) and
    # one `reverse` per page for the links instead of one (and a query for the
    # municipality) per row.
    page = keyset_page(
        offerings.defer(
            "description",
            "accessibility",
            "application_process",
            "eligibility_description",
        ),
        NAME_ORDER,
        request.GET,
        size=50,
        count_limit=0,  # the page shows no count
    )
    today = timezone.localdate()
    service_url = _url_maker("directory:service", municipality)
    # The status's label looked up once per page, not rebuilt per row.
    statuses = {value: str(label) for value, label in ServiceStatus.choices}
    for service in page.object_list:
        service.outdated = service.is_possibly_outdated(today)  # type: ignore[attr-defined]
        service.url = service_url(service.pk)  # type: ignore[attr-defined]
        service.status_label = statuses.get(service.status, service.status)  # type: ignore[attr-defined]
    # The places: the first MANAGE_PLACES by name, counted up to MANAGE_PLACES_COUNTED,
    # and a search by name for the others (a town's thousand places were 200 links).
    place_search = " ".join(words_of(request.GET.get("place", "")))[:100]
    places = every_word(places, place_search, "name")
    place_url = _url_maker("directory:location", municipality)
    shown_places = list(
        places.order_by("name", "id").only("id", "name", "archived_at")[:MANAGE_PLACES]
    )
    for location in shown_places:
        location.url = place_url(location.pk)  # type: ignore[attr-defined]
    places_total = places.order_by().values("pk")[: MANAGE_PLACES_COUNTED + 1].count()
    context = {
        "page": page,
        "places": shown_places,
        "place_search": place_search,
        "places_total": min(places_total, MANAGE_PLACES_COUNTED),
        "places_more": places_total > MANAGE_PLACES_COUNTED,
        "places_counted": MANAGE_PLACES_COUNTED,
        "can_add_term": request.user.has_perm(
            "directory.add_taxonomyterm", municipality
        ),
    }
    return render(request, "directory/manage.html", context)


def service_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    municipality = request.municipality
    service = None
    if pk is not None:
        service = get_object_for(
            request,
            Service.objects.select_related("provider"),
            "directory.change_service",
            pk=pk,
        )
    else:
        require(request, "directory.add_service")
    providers = services.providers_for(request.user, municipality)
    if service is not None and service.provider not in providers:
        providers.append(service.provider)
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(
        data, instance=service, municipality=municipality, providers=providers
    )
    schedules = schedule_formset(data, list(service.schedules.all()) if service else [])
    contacts = contact_formset(data, list(service.contacts.all()) if service else [])
    if request.method == "POST" and all(
        [form.is_valid(), schedules.is_valid(), contacts.is_valid()]
    ):
        try:
            saved = services.service_save(
                by=request.user,
                municipality=municipality,
                service=service,
                schedules=schedules.rows(),
                contacts=contacts.rows(),
                **form.relations(),
                **form.values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The offering was saved."))
            return redirect(saved.get_absolute_url())
    context = {
        "form": form,
        "schedules": schedules,
        "contacts": contacts,
        "service": service,
    }
    return render(request, "directory/service_form.html", context)


@require_POST
def service_status(request: HttpRequest, pk: Any) -> HttpResponse:
    service = get_object_for(
        request, Service.objects.all(), "directory.change_service", pk=pk
    )
    form = StatusForm(request.POST)
    if form.is_valid():
        services.service_set_status(
            by=request.user, service=service, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect(service.get_absolute_url())


@require_POST
def service_archive(request: HttpRequest, pk: Any) -> HttpResponse:
    service = get_object_for(
        request, Service.objects.all(), "directory.archive_service", pk=pk
    )
    restore = bool(request.POST.get("restore"))
    services.service_archive(by=request.user, service=service, archived=not restore)
    if restore:
        messages.success(request, _("The offering was restored."))
        return redirect(service.get_absolute_url())
    messages.success(request, _("The offering was archived."))
    return redirect("directory:manage", municipality_slug=request.municipality.slug)


@require_POST
def service_confirm(request: HttpRequest, pk: Any) -> HttpResponse:
    service = get_object_for(
        request, Service.objects.all(), "directory.change_service", pk=pk
    )
    services.service_confirm(by=request.user, service=service)
    messages.success(request, _("Thank you: the offering is marked as current."))
    return redirect(service.get_absolute_url())


def location_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    municipality = request.municipality
    location = None
    if pk is not None:
        location = get_object_for(
            request, Location.objects.all(), "directory.change_location", pk=pk
        )
    else:
        require(request, "directory.add_location")
    coordinator = is_coordinator.test(request.user, municipality)
    owners = services.providers_for(request.user, municipality)
    if location is not None and location.owner and location.owner not in owners:
        owners.append(location.owner)
    data = request.POST if request.method == "POST" else None
    form = LocationForm(
        data,
        instance=location,
        municipality=municipality,
        owners=owners,
        owner_required=not coordinator,
    )
    schedules = schedule_formset(
        data, list(location.schedules.all()) if location else [], prefix="hours"
    )
    contacts = contact_formset(data, list(location.contacts.all()) if location else [])
    if request.method == "POST" and all(
        [form.is_valid(), schedules.is_valid(), contacts.is_valid()]
    ):
        try:
            saved = services.location_save(
                by=request.user,
                municipality=municipality,
                location=location,
                schedules=schedules.rows(),
                contacts=contacts.rows(),
                **form.values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The place was saved."))
            return redirect(saved.get_absolute_url())
    context = {
        "form": form,
        "schedules": schedules,
        "contacts": contacts,
        "location": location,
    }
    return render(request, "directory/location_form.html", context)


@require_POST
def location_archive(request: HttpRequest, pk: Any) -> HttpResponse:
    location = get_object_for(
        request, Location.objects.all(), "directory.archive_location", pk=pk
    )
    restore = bool(request.POST.get("restore"))
    services.location_archive(by=request.user, location=location, archived=not restore)
    if restore:
        messages.success(request, _("The place was restored."))
        return redirect(location.get_absolute_url())
    messages.success(request, _("The place was archived."))
    return redirect("directory:manage", municipality_slug=request.municipality.slug)


def term_list(request: HttpRequest) -> HttpResponse:
    """The taxonomies; coordinators add terms here."""
    require(request, "directory.manage_services")
    municipality = request.municipality
    can_add = request.user.has_perm("directory.add_taxonomyterm", municipality)
    form = TermForm(request.POST if request.method == "POST" and can_add else None)
    if request.method == "POST":
        require(request, "directory.add_taxonomyterm")
        if form.is_valid():
            try:
                services.term_create(
                    by=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The term was added."))
                return redirect("directory:terms", municipality_slug=municipality.slug)
    terms = TaxonomyTerm.objects.of(municipality)
    groups = [
        (label, [t for t in terms if t.taxonomy == value])
        for value, label in Taxonomy.choices
    ]
    return render(
        request,
        "directory/term_list.html",
        {"groups": groups, "form": form, "can_add": can_add},
    )

"""Views of the rooms app: the list of rooms, a room with its week, booking
requests, the owners' queue, "my bookings" and the calendar feed."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.models import Neighborhood
from quartier.core.pagination import Key, keyset_page
from quartier.core.predicates import is_coordinator
from quartier.core.services import set_archived
from quartier.rooms import availability, calendar
from quartier.rooms import services as services
from quartier.rooms.forms import (
    BookingForm,
    PhotoForm,
    RejectForm,
    RoomFilterForm,
    RoomForm,
)
from quartier.rooms.models import (
    Booking,
    BookingStatus,
    Room,
    RoomPhoto,
)

FEED_PAST_DAYS = 90
# Lists that grow with the bookings are paged by keyset ("next"/"previous",
# quartier/core/pagination.py), in the order of the index `booking_status_order`
# or `booking_requester_order`: page 100 costs what page 1 costs.
# 20 rows: a row costs ~0.4 ms to render (its links, forms and linked objects).
PAGE_SIZE = 20
BOOKING_ORDER = (Key("starts_at", descending=False), Key("id", descending=False))
# Requests waiting for an answer: the first this many series, oldest start first;
# the rest show once these are answered.
PENDING_LIMIT = 50


def _rooms() -> QuerySet[Room]:
    return Room.objects.select_related("municipality", "owner_actor", "neighborhood")


def _room(request: HttpRequest, slug: str, perm: str | None = None) -> Room:
    return get_object_for(request, _rooms(), perm, slug=slug)


def _booking(request: HttpRequest, pk: int, perm: str) -> Booking:
    return get_object_for(
        request,
        Booking.objects.select_related(
            "room__municipality", "room__owner_actor", "requested_by"
        ),
        perm,
        pk=pk,
    )


def _list_url(request: HttpRequest, name: str = "rooms:list") -> str:
    return reverse(name, kwargs={"municipality_slug": request.municipality.slug})


@require_GET
def room_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    rooms = (
        _rooms()
        .filter(pk__in=Room.objects.visible_to(request.user, municipality).active())
        .prefetch_related(
            Prefetch("photos", queryset=RoomPhoto.objects.order_by("position", "id"))
        )
    )
    form = RoomFilterForm(
        request.GET or None,
        neighborhoods=list(Neighborhood.objects.of(municipality)),
    )
    if form.is_valid():
        data = form.cleaned_data
        if data.get("neighborhood"):
            rooms = rooms.filter(neighborhood__slug=data["neighborhood"])
        if data.get("accessibility"):
            # JSON "contains" is not portable to SQLite; the stored list is short.
            rooms = rooms.filter(accessibility__icontains=f'"{data["accessibility"]}"')
        if data.get("people"):
            rooms = rooms.filter(capacity__gte=data["people"])
    context = {
        "rooms": rooms.order_by("name", "pk"),
        "form": form,
        "can_add": request.user.has_perm("rooms.add_room", municipality),
        "can_see_requests": request.user.has_perm("rooms.view_requests", municipality),
    }
    return render(request, "rooms/room_list.html", context)


@require_GET
def room_detail(request: HttpRequest, room: str) -> HttpResponse:
    obj = _room(request, room)
    user = request.user
    context = {
        "room": obj,
        "photos": list(obj.photos.all()),
        "opening_hours": list(obj.opening_hours.all()),
        "can_change": user.has_perm("rooms.change_room", obj),
        "can_book": user.has_perm("rooms.book_room", obj),
        "photo_form": PhotoForm() if user.has_perm("rooms.change_room", obj) else None,
    }
    return render(request, "rooms/room_detail.html", context)


def room_edit(request: HttpRequest, room: str | None = None) -> HttpResponse:
    municipality = request.municipality
    obj = None
    if room is not None:
        obj = _room(request, room, "rooms.change_room")
    else:
        require(request, "rooms.add_room")
    form = RoomForm(
        request.POST or None,
        instance=obj,
        municipality=municipality,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        hours = data.pop("opening_hours")
        try:
            saved = services.room_save(
                by=request.user,
                municipality=municipality,
                room=obj,
                opening_hours=hours,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.name)
            return redirect(saved)
    return render(request, "rooms/room_form.html", {"form": form, "room": obj})


@require_POST
def room_archive(request: HttpRequest, room: str) -> HttpResponse:
    obj = _room(request, room, "rooms.archive_room")
    archived = request.POST.get("restore") is None
    set_archived(by=request.user, obj=obj, archived=archived)
    if archived:
        messages.success(request, _("“%s” was archived.") % obj.name)
    else:
        messages.success(request, _("“%s” was restored.") % obj.name)
    return redirect(obj)


def photo_add(request: HttpRequest, room: str) -> HttpResponse:
    obj = _room(request, room, "rooms.change_room")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_photo_add(
                by=request.user,
                room=obj,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The photo was added."))
            return redirect(obj)
    return render(request, "rooms/photo_form.html", {"form": form, "room": obj})


@require_POST
def photo_delete(request: HttpRequest, room: str, pk: int) -> HttpResponse:
    obj = _room(request, room, "rooms.change_room")
    photo = get_object_for(
        request, RoomPhoto.objects.filter(room=obj).select_related("room"), pk=pk
    )
    services.room_photo_delete(by=request.user, photo=photo)
    messages.success(request, _("The photo was removed."))
    return redirect(obj)


@require_GET
def room_week(request: HttpRequest, room: str) -> HttpResponse:
    obj = _room(request, room)
    monday = availability.parse_week(request.GET.get("week"))
    as_list = request.GET.get("view") == "list"
    week = availability.week_for(obj, monday, grid=not as_list)
    context = {
        "room": obj,
        "week": week,
        "as_list": as_list,
        "can_book": request.user.has_perm("rooms.book_room", obj),
        # Once for the list's "book" links, not reversed for each free span.
        "book_url": reverse(
            "rooms:book",
            kwargs={"municipality_slug": obj.municipality.slug, "room": obj.slug},
        ),
        "now": timezone.now(),
    }
    return render(request, "rooms/room_week.html", context)


def _meetings_for(user: Any, room: Room) -> Any:
    """Upcoming meetings the user organises (coordination, forum moderation): what
    the booking form's meeting field accepts (it offers the next few of them)."""
    from quartier.forums.models import Meeting, MeetingStatus

    meetings = (
        Meeting.objects.of(room.municipality)
        .filter(status=MeetingStatus.PLANNED, starts_at__gt=timezone.now())
        .select_related("forum", "municipality")
        .order_by("starts_at", "pk")
    )
    if not is_coordinator.test(user, room.municipality):
        meetings = meetings.filter(
            Q(forum__members__user=user, forum__members__role="moderation")
            | Q(forum__members__actor__members=user, forum__members__role="moderation")
        ).distinct()
    return meetings


def _initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {"weeks": 1}
    for name in ("date", "start", "end"):
        if request.GET.get(name):
            initial[name] = request.GET[name][:10]
    return initial


def book(request: HttpRequest, room: str) -> HttpResponse:
    obj = _room(request, room, "rooms.book_room")
    form = BookingForm(
        request.POST or None,
        initial=_initial(request),
        room=obj,
        user=request.user,
        meetings=_meetings_for(request.user, obj),
    )
    if request.method == "POST" and form.is_valid():
        try:
            bookings = services.booking_request(
                by=request.user, room=obj, **form.service_fields()
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                moved = {
                    ("start" if k == "starts_at" else "end" if k == "ends_at" else k): v
                    for k, v in exc.error_dict.items()
                }
                exc = ValidationError(moved)
            add_service_errors(form, exc)
        else:
            if bookings[0].status == BookingStatus.CONFIRMED:
                messages.success(
                    request,
                    _("The room is booked for you. We have sent you a confirmation."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Your request was sent to the owner of the room. You will "
                        "get an e-mail as soon as they answer."
                    ),
                )
            return redirect(_list_url(request, "rooms:my_bookings"))
    return render(request, "rooms/book.html", {"room": obj, "form": form})


@require_GET
def room_calendar(request: HttpRequest, room: str) -> HttpResponse:
    obj = _room(request, room)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    bookings = Booking.objects.filter(room=obj, ends_at__gte=since).confirmed()
    body = calendar.build_calendar(obj, bookings, request=request)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _rooms_run_by(user: Any, municipality: Any) -> QuerySet[Room]:
    owned = Q(owner_actor__members=user)
    if is_coordinator.test(user, municipality):
        owned |= Q(owner_actor__isnull=True)
    return Room.objects.of(municipality).filter(owned).distinct()


@require_GET
def requests_queue(request: HttpRequest) -> HttpResponse:
    require(request, "rooms.view_requests")
    municipality = request.municipality
    # The rooms' ids as a list, not a subquery: PostgreSQL then reads the page from
    # the index `booking_status_order` (0.2 ms) instead of joining and sorting all
    # of the rooms' bookings (26 ms for 5,000 in Musterstadt), whose number it
    # could not foresee behind the subquery.
    rooms = list(_rooms_run_by(request.user, municipality).values_list("pk", flat=True))
    base = (
        Booking.objects.of(municipality)
        .filter(room__in=rooms)
        .select_related("room", "requested_by", "on_behalf_of")
    )
    page = keyset_page(
        base.filter(status=BookingStatus.CONFIRMED, ends_at__gte=timezone.now()),
        BOOKING_ORDER,
        request.GET,
        size=PAGE_SIZE,
        count_limit=0,
    )
    pending = _pending_series(base)
    context = {
        "pending": pending[:PENDING_LIMIT],
        "more_pending": len(pending) > PENDING_LIMIT,
        "upcoming": page.object_list,
        "page": page,
    }
    return render(request, "rooms/requests.html", context)


def _pending_series(base: QuerySet[Booking]) -> list[Booking]:
    """The requests waiting for an answer, one row per weekly series (its first
    waiting date, with `dates` = how many of its dates wait), at most
    PENDING_LIMIT + 1 rows: what the database returns does not grow with the queue."""
    waiting = Booking.objects.filter(status=BookingStatus.REQUESTED)
    same_series = waiting.filter(series=OuterRef("series"))
    earlier = same_series.filter(
        Q(starts_at__lt=OuterRef("starts_at"))
        | Q(starts_at=OuterRef("starts_at"), pk__lt=OuterRef("pk"))
    )
    dates = same_series.order_by().values("series").annotate(n=Count("pk")).values("n")
    return list(
        base.filter(status=BookingStatus.REQUESTED)
        .filter(Q(series__isnull=True) | ~Exists(earlier))
        .annotate(dates=Coalesce(Subquery(dates), 1))
        .order_by("starts_at", "pk")[: PENDING_LIMIT + 1]
    )


@login_required
@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - datetime.timedelta(days=30)
    page = keyset_page(
        Booking.objects.of(request.municipality)
        .filter(requested_by=request.user, ends_at__gte=since)
        .select_related("room", "on_behalf_of"),
        BOOKING_ORDER,
        request.GET,
        size=PAGE_SIZE,
        count_limit=0,
    )
    return render(
        request,
        "rooms/my_bookings.html",
        {"bookings": page.object_list, "page": page, "now": timezone.now()},
    )


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith(f"/{request.municipality.slug}/rooms/"):
        return target
    return _list_url(request, default)


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk, "rooms.decide_booking")
    try:
        bookings = services.booking_approve(by=request.user, booking=booking)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Confirmed: %(purpose)s (%(count)s date).",
                "Confirmed: %(purpose)s (%(count)s dates).",
                len(bookings),
            )
            % {"purpose": booking.purpose, "count": len(bookings)},
        )
    return redirect(_back(request, "rooms:requests"))


def reject(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk, "rooms.decide_booking")
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_reject(
                by=request.user, booking=booking, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The request was turned down."))
            return redirect(_list_url(request, "rooms:requests"))
    return render(request, "rooms/reject.html", {"booking": booking, "form": form})


@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One booking: when, where, for what, its state, what it is linked with (an
    initiative, a meeting) and what the viewer may do with it. Seen by its requester,
    the room's managers and the coordination (`rooms.view_booking`)."""
    booking = _booking(request, pk, "rooms.view_booking")
    context = {
        "booking": booking,
        "may_cancel": request.user.has_perm("rooms.cancel_booking", booking),
        "may_decide": request.user.has_perm("rooms.decide_booking", booking),
        "now": timezone.now(),
    }
    return render(request, "rooms/booking_detail.html", context)


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk, "rooms.cancel_booking")
    try:
        services.booking_cancel(
            by=request.user,
            booking=booking,
            whole_series=request.POST.get("series") == "1",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The booking was cancelled."))
    return redirect(_back(request, "rooms:my_bookings"))

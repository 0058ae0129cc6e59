"""Räume: rooms of the municipality and of partners, their opening hours and photos,
and bookings — never two confirmed bookings of one room at the same time.

The no-overlap rule lives in the booking service (a lock on the room row, then a
check) and, on PostgreSQL, in the database as well: an exclusion constraint over the
time range of confirmed bookings (`NO_OVERLAP_SQL_NAME`, added by the migration on
PostgreSQL only — SQLite has no such constraint; docs/rooms.md).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.actors.models import Actor
from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild

NO_OVERLAP_SQL_NAME = "rooms_booking_no_overlap"
MAX_SERIES_WEEKS = 26
DEFAULT_HORIZON_MONTHS = 12
MAX_HORIZON_MONTHS = 36


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free access")
    ACCESSIBLE_WC = "accessible_wc", _("Accessible toilet")
    INDUCTION_LOOP = "induction_loop", _("Induction loop for hearing aids")
    ACCESSIBLE_PARKING = "accessible_parking", _("Accessible parking space")
    LIFT = "lift", _("Lift")
    TACTILE_GUIDANCE = "tactile_guidance", _("Tactile guidance")
    QUIET_ROOM = "quiet_room", _("Quiet room for breaks")


class BookableBy(models.TextChoices):
    RESIDENTS = "residents", _("Residents, partners and coordination")
    PARTNERS = "partners", _("Partners and coordination")
    INTERNAL = "internal", _("Coordination only (internal)")


class ApprovalMode(models.TextChoices):
    INSTANT = "instant", _("Instant booking: a free slot is confirmed at once")
    APPROVAL = "approval", _("On request: the owner confirms each booking")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class RoomQuerySet(TenantQuerySet):
    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)

    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Public rooms for everyone; hidden ones for the coordination and the
        members of the owning actor."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        public = Q(is_public=True)
        if getattr(user, "is_authenticated", False):
            return qs.filter(public | Q(owner_actor__members=user)).distinct()
        return qs.filter(public)


class Room(TenantModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the URL"), max_length=80)
    owner_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rooms",
        verbose_name=_("owner"),
        help_text=_("Empty: the room belongs to the municipality."),
    )
    address = models.CharField(_("address"), max_length=300)
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rooms",
        verbose_name=_("neighbourhood"),
    )
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    equipment = models.TextField(_("equipment"), blank=True)
    house_rules = models.TextField(_("house rules"), blank=True)
    bookable_by = models.CharField(
        _("who may book"),
        max_length=12,
        choices=BookableBy.choices,
        default=BookableBy.RESIDENTS,
    )
    approval = models.CharField(
        _("how bookings are confirmed"),
        max_length=12,
        choices=ApprovalMode.choices,
        default=ApprovalMode.APPROVAL,
    )
    is_free = models.BooleanField(_("free of charge for civic use"), default=True)
    fee = models.CharField(
        _("fee"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “25 € per evening, cleaning included”."),
    )
    contact_email = models.EmailField(
        _("e-mail for booking requests"),
        blank=True,
        help_text=_("Empty: the owner's or the municipality's address."),
    )
    booking_horizon_months = models.PositiveSmallIntegerField(
        _("bookable how many months ahead"),
        default=DEFAULT_HORIZON_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HORIZON_MONTHS)],
        help_text=_("Requests further ahead are refused (at most 36 months)."),
    )
    is_public = models.BooleanField(
        _("shown to everyone"),
        default=True,
        help_text=_("Otherwise only the coordination and the owner see the room."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="room_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="room_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(booking_horizon_months__gte=1)
                & Q(booking_horizon_months__lte=MAX_HORIZON_MONTHS),
                name="room_booking_horizon_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "rooms:detail",
            kwargs={"municipality_slug": self.municipality.slug, "room": self.slug},
        )

    def bookable_until(self, today: datetime.date | None = None) -> datetime.date:
        """The last day a booking may start on: today plus the booking horizon
        (the same day of the month, or the month's last day)."""
        today = today or timezone.localdate()
        months = today.month - 1 + (self.booking_horizon_months or 1)
        year, month = today.year + months // 12, months % 12 + 1
        for day in (today.day, 30, 29, 28):
            try:
                return datetime.date(year, month, day)
            except ValueError:
                continue
        raise AssertionError("unreachable")  # pragma: no cover

    @property
    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [str(labels[v]) for v in self.accessibility or [] if v in labels]

    @property
    def owner_name(self) -> str:
        owner = self.owner_actor
        return owner.name if owner is not None else self.municipality.name

    @property
    def request_email(self) -> str:
        """Where booking requests go: the room's own address, else the owner's."""
        if self.contact_email:
            return self.contact_email
        owner = self.owner_actor
        if owner is not None and owner.email:
            return owner.email
        return self.municipality.contact_email


class OpeningHours(TenantChild):
    """One opening interval of a room on a weekday (a room without any is open
    around the clock)."""

    tenant_parent = "room"

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "room", "weekday", "opens"],
                name="one_interval_start_per_day",
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="opening_hours_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class RoomPhoto(TenantChild):
    tenant_parent = "room"

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="rooms/photos/")
    alt_text = models.CharField(
        _("description for people who cannot see the photo"), max_length=300
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo of a room")
        verbose_name_plural = _("photos of rooms")

    def __str__(self) -> str:
        return self.alt_text


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(TenantQuerySet):
    def confirmed(self) -> Self:
        return self.filter(status=BookingStatus.CONFIRMED)

    def open(self) -> Self:
        """Requested or confirmed: what still holds or may hold the room."""
        return self.filter(
            status__in=[BookingStatus.REQUESTED, BookingStatus.CONFIRMED]
        )

    def overlapping(self, start: datetime.datetime, end: datetime.datetime) -> Self:
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Booking(TenantModel):
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room_bookings",
        verbose_name=_("requested by"),
    )
    on_behalf_of = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room_bookings",
        verbose_name=_("on behalf of"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    purpose_public = models.BooleanField(
        _("show the purpose in the public calendar"), default=False
    )
    expected_people = models.PositiveIntegerField(_("expected people"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BookingStatus.choices,
        default=BookingStatus.REQUESTED,
    )
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)
    series = models.UUIDField(null=True, blank=True, db_index=True)
    series_position = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting = models.ForeignKey(
        "forums.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room_bookings",
        verbose_name=_("forum meeting"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            # In the order of the keyset pages (views.BOOKING_ORDER): the booking
            # requests' confirmed bookings ahead and "My bookings" read one page
            # from the index instead of sorting every booking of the town.
            models.Index(
                fields=["municipality", "status", "starts_at", "id"],
                name="booking_status_order",
            ),
            models.Index(
                fields=["municipality", "requested_by", "starts_at", "id"],
                name="booking_requester_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(expected_people__gte=1),
                name="booking_expected_people_positive",
            ),
            models.UniqueConstraint(
                fields=["municipality", "uid"], name="booking_uid_once"
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.room} {local:%d.%m.%Y %H:%M}: {self.purpose}"

    def get_absolute_url(self) -> str:
        """The booking's own page: for its requester and the room's managers."""
        return reverse(
            "rooms:booking",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def public_label(self) -> str:
        """What strangers see of the booking: the purpose only where it is public."""
        return self.purpose if self.purpose_public else str(_("occupied"))

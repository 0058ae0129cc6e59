"""Models of the directory app: offerings (Service), places (Location), their
schedules, contacts and the taxonomy that tags them.

The models follow Open Referral HSDS 3.0 closely so the HSDS app can export and
import them without translation tables:

- Service ↔ HSDS service (organization = actors.Actor, the provider),
- Location ↔ HSDS location (+ one physical address built from its address fields),
- ServiceAtLocation ↔ HSDS service_at_location,
- Schedule ↔ HSDS schedule (RFC 5545 recurrence: freq, interval, byday, bymonthday),
- Contact ↔ HSDS contact (its phone number becomes one HSDS phone),
- ServiceLanguage ↔ HSDS language,
- TaxonomyTerm ↔ HSDS taxonomy_term; German specifics (topic, target group,
  Dahlgren–Whitehead layer, neighbourhood served) are HSDS attributes.

Every row has a UUID primary key (stable HSDS ids) and `modified_at`
(for `modified_after`).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild

# Namespace for ids derived from natural keys (default terms, demo data).
DIRECTORY_NAMESPACE = uuid.UUID("6f1c3c1e-6a55-4d0e-9a8e-3f0b1f6a2d41")

# Entries not confirmed for this many months are "possibly outdated".
OUTDATED_AFTER_MONTHS = 13


def stable_uuid(*parts: Any) -> uuid.UUID:
    """A UUID derived from natural-key parts: the same parts give the same id."""
    return uuid.uuid5(DIRECTORY_NAMESPACE, ":".join(str(p) for p in parts))


def outdated_before(today: datetime.date | None = None) -> datetime.date:
    """The date before which a last confirmation counts as outdated (13 months)."""
    today = today or timezone.localdate()
    month = today.month - OUTDATED_AFTER_MONTHS
    year = today.year
    while month < 1:
        month += 12
        year -= 1
    day = min(today.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return datetime.date(year, month, day)


# ---------------------------------------------------------------------------
# Taxonomy


class Taxonomy(models.TextChoices):
    TOPIC = "topic", _("Topic")
    TARGET_GROUP = "target_group", _("Target group")
    HEALTH_LAYER = "health_layer", _("Determinant of health (Dahlgren–Whitehead)")


class TaxonomyTermQuerySet(TenantQuerySet):
    def topics(self) -> Self:
        return self.filter(taxonomy=Taxonomy.TOPIC)

    def target_groups(self) -> Self:
        return self.filter(taxonomy=Taxonomy.TARGET_GROUP)

    def health_layers(self) -> Self:
        return self.filter(taxonomy=Taxonomy.HEALTH_LAYER)


class TaxonomyTerm(TenantModel):
    """A term of one of the directory's taxonomies, per municipality.

    Default terms (defaults.py) are created for every municipality; coordinators may
    add more. Names are German (domain words), shown as they are.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.CharField(_("taxonomy"), max_length=16, choices=Taxonomy.choices)
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent term"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    modified_at = models.DateTimeField(auto_now=True)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy", "position", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "taxonomy", "code"],
                name="directory_term_code_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------
# Languages (ISO 639-1 codes; "gsg" is German Sign Language, ISO 639-3)

LANGUAGES: list[tuple[str, Any]] = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("fa", _("Persian")),
    ("ku", _("Kurdish")),
    ("it", _("Italian")),
    ("el", _("Greek")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("hr", _("Croatian")),
    ("sr", _("Serbian")),
    ("sq", _("Albanian")),
    ("vi", _("Vietnamese")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("gsg", _("German Sign Language")),
]
LANGUAGE_NAMES = dict(LANGUAGES)


# ---------------------------------------------------------------------------
# Locations


class MeetingPlaceKind(models.TextChoices):
    CAFE = "cafe", _("Café")
    PARK = "park", _("Park")
    LIBRARY = "library", _("Library")
    COMMUNITY_GARDEN = "garden", _("Community garden")
    PLAYGROUND = "playground", _("Playground")
    SQUARE = "square", _("Square or fountain")
    COMMUNITY_CENTRE = "centre", _("Community centre")
    OTHER = "other", _("Other")


class LocationQuerySet(TenantQuerySet):
    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)

    def meeting_places(self) -> Self:
        return self.filter(is_meeting_place=True)


class Location(TenantModel):
    """A place where offerings happen; meeting places (Begegnungsorte) are marked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    address_1 = models.CharField(_("street and number"), max_length=200, blank=True)
    address_2 = models.CharField(_("address addition"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("district"), max_length=100, blank=True)
    state_province = models.CharField(_("federal state"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DE")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_locations",
        verbose_name=_("neighbourhood"),
    )
    transportation = models.TextField(_("how to get there"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    barrier_free = models.BooleanField(_("barrier-free"), default=False)
    is_meeting_place = models.BooleanField(_("meeting place"), default=False)
    meeting_place_kind = models.CharField(
        _("kind of meeting place"),
        max_length=12,
        choices=MeetingPlaceKind.choices,
        blank=True,
    )
    owner = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_locations",
        verbose_name=_("run by"),
    )
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()
    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "directory:location",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self) -> str:
        """ "Marktstraße 1, 12345 Musterstadt" (the parts that are there)."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.address_1, self.address_2, town) if p)


# ---------------------------------------------------------------------------
# Services


class ServiceStatus(models.TextChoices):
    # The values are HSDS 3.0's.
    ACTIVE = "active", _("active")
    TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")
    INACTIVE = "inactive", _("inactive")
    DEFUNCT = "defunct", _("discontinued")


PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class ServiceQuerySet(TenantQuerySet):
    def active(self) -> Self:
        """Not archived (archived services are kept for history only)."""
        return self.filter(archived_at__isnull=True)

    def listed(self) -> Self:
        """What residents find: not archived, active or temporarily closed, from a
        public actor that is not archived."""
        return self.filter(
            archived_at__isnull=True,
            status__in=PUBLIC_STATUSES,
            provider__archived_at__isnull=True,
            provider__visibility="public",
        )

    def outdated(self, today: datetime.date | None = None) -> Self:
        """Not confirmed for 13 months (or never confirmed and created that long ago)."""
        limit = outdated_before(today)
        return self.filter(
            Q(last_confirmed_at__lt=limit)
            | Q(last_confirmed_at__isnull=True, created_at__date__lt=limit)
        )

    def with_term(self, term: TaxonomyTerm | uuid.UUID | str) -> Self:
        return self.filter(terms=term)


# The history tables of an offering's terms and neighbourhoods were made by
# simple_history from the many-to-many tables Django created by itself
# (`Service_terms`); their names stay now that the through models are explicit.
HISTORY_NAMES = {
    "ServiceTerm": "Service_terms",
    "ServiceNeighborhood": "Service_neighborhoods",
}


def history_name(name: str) -> str:
    return f"Historical{HISTORY_NAMES.get(name, name)}"


class ServiceTerm(TenantChild):
    """A taxonomy term of an offering (defined before Service: simple_history reads
    the through model when Service is prepared). The table is the one Django
    created for `Service.terms` by itself (directory_service_terms), with the
    municipality key (core/tenancy.py); `.set()` and `.add()` fill it from the
    offering (TenantChild, also in bulk_create)."""

    tenant_parent = "service"

    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="+"
    )
    taxonomyterm = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "directory_service_terms"
        verbose_name = _("term of an offering")
        verbose_name_plural = _("terms of offerings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service", "taxonomyterm"],
                name="directory_service_term_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} – {self.taxonomyterm_id}"


class ServiceNeighborhood(TenantChild):
    """A neighbourhood an offering serves (the table Django created for
    `Service.neighborhoods`, directory_service_neighborhoods, with the key)."""

    tenant_parent = "service"

    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="+"
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "directory_service_neighborhoods"
        verbose_name = _("neighbourhood of an offering")
        verbose_name_plural = _("neighbourhoods of offerings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service", "neighborhood"],
                name="directory_service_neighborhood_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} – {self.neighborhood_id}"


class Service(TenantModel):
    """An offering (Angebot) of a provider (an actor)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("provider"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ServiceStatus.choices,
        default=ServiceStatus.ACTIVE,
    )
    # Topics, target groups and Dahlgren–Whitehead layers in one relation
    # (HSDS exports each as an attribute pointing at its taxonomy term).
    terms = models.ManyToManyField(
        TaxonomyTerm,
        through=ServiceTerm,
        related_name="services",
        blank=True,
        verbose_name=_("topics and target groups"),
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    fee_description = models.TextField(_("costs"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    barrier_free = models.BooleanField(_("barrier-free"), default=False)
    application_process = models.TextField(
        _("how to get there and take part"), blank=True
    )
    eligibility_description = models.TextField(_("who can take part"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True
    )
    neighborhoods = models.ManyToManyField(
        Neighborhood,
        through=ServiceNeighborhood,
        related_name="directory_services",
        blank=True,
        verbose_name=_("neighbourhoods served"),
    )
    locations = models.ManyToManyField(  # type: ignore[var-annotated]
        Location,
        through="ServiceAtLocation",
        related_name="services",
        blank=True,
        verbose_name=_("places"),
    )
    last_confirmed_at = models.DateField(_("last confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords(
        m2m_fields=[terms, neighborhoods], custom_model_name=history_name
    )
    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        indexes = [
            # The directory's list order (keyset pages, search.NAME_ORDER): the
            # page is read from the index on page 1 and page 500 alike.
            models.Index(
                fields=["municipality", "name", "id"],
                name="directory_service_list_order",
            ),
            # Covers listed()'s own conditions and the provider key: the count of
            # listed offerings (the HSDS pages' total_items) reads only the index.
            models.Index(
                fields=["municipality", "status", "archived_at", "provider"],
                name="directory_service_listed",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="directory_service_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "directory:service",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_listed(self) -> bool:
        return not self.is_archived and self.status in PUBLIC_STATUSES

    def is_possibly_outdated(self, today: datetime.date | None = None) -> bool:
        limit = outdated_before(today)
        if self.last_confirmed_at is not None:
            return self.last_confirmed_at < limit
        created = (
            timezone.localdate(self.created_at)
            if self.created_at
            else timezone.localdate()
        )
        return created < limit

    @property
    def possibly_outdated(self) -> bool:
        return self.is_possibly_outdated()

    def terms_of(self, taxonomy: str) -> list[TaxonomyTerm]:
        """Terms of one taxonomy; uses prefetched `terms` when there are any."""
        return [t for t in self.terms.all() if t.taxonomy == taxonomy]

    @property
    def topics(self) -> list[TaxonomyTerm]:
        return self.terms_of(Taxonomy.TOPIC)

    @property
    def target_groups(self) -> list[TaxonomyTerm]:
        return self.terms_of(Taxonomy.TARGET_GROUP)

    @property
    def health_layers(self) -> list[TaxonomyTerm]:
        return self.terms_of(Taxonomy.HEALTH_LAYER)

    @property
    def language_codes(self) -> list[str]:
        return [lang.code for lang in self.languages.all()]


class ServiceLanguage(TenantChild):
    """A language an offering is available in (HSDS language)."""

    tenant_parent = "service"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    note = models.CharField(_("note"), max_length=200, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service", "code"],
                name="directory_language_once",
            )
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return str(LANGUAGE_NAMES.get(self.code, self.code))

    @property
    def name(self) -> str:
        return str(self)


class ServiceAtLocation(TenantChild):
    """An offering at one place (HSDS service_at_location, its own stable id)."""

    tenant_parent = "service"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("note"), blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["location__name"]
        verbose_name = _("offering at a place")
        verbose_name_plural = _("offerings at places")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service", "location"],
                name="directory_service_at_location_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Contact(TenantChild):
    """A contact person (or desk) of an offering or a place; HSDS contact + phone."""

    tenant_parent = ("service", "location")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, location__isnull=True)
                | Q(service__isnull=True, location__isnull=False),
                name="directory_contact_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.title or self.email or self.phone


class Frequency(models.TextChoices):
    # The values are HSDS 3.0's (RFC 5545 FREQ).
    WEEKLY = "WEEKLY", _("weekly")
    MONTHLY = "MONTHLY", _("monthly")


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Schedule(TenantChild):
    """When an offering takes place or a place is open (HSDS schedule).

    Recurrence as RFC 5545: `freq` WEEKLY or MONTHLY, `interval` (every n weeks or
    months, counted from `dtstart` when > 1), `byday` ("MO,TU"; with an ordinal in
    monthly rules: "1TU" first Tuesday, "-1FR" last Friday), `bymonthday` ("15").
    `closes_at` earlier than `opens_at` means it closes the next day.
    Times are local (Europe/Berlin).
    """

    tenant_parent = ("service", "location")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    freq = models.CharField(
        _("repeats"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    byday = models.CharField(_("weekdays"), max_length=60, blank=True)
    bymonthday = models.CharField(_("days of the month"), max_length=60, blank=True)
    opens_at = models.TimeField(_("from"), null=True, blank=True)
    closes_at = models.TimeField(_("until"), null=True, blank=True)
    dtstart = models.DateField(_("first date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "opens_at"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, location__isnull=True)
                | Q(service__isnull=True, location__isnull=False),
                name="directory_schedule_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(interval__gte=1), name="directory_schedule_interval"
            ),
        ]

    def __str__(self) -> str:
        from quartier.directory.opening import describe_schedule

        return describe_schedule(self)

    @property
    def weekdays(self) -> list[str]:
        return [d.strip() for d in self.byday.split(",") if d.strip()]

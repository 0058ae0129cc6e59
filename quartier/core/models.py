"""Municipalities (the tenants), their neighbourhoods, and the audit log."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.geojson import validate_boundary


def validate_not_reserved(value: str) -> None:
    if value.lower() in settings.RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved for the platform and cannot be used."),
            params={"slug": value},
            code="reserved",
        )


class Land(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: visible after approval")
    POST = "post", _("Post-moderation: visible at once, checked afterwards")


class JoinPolicy(models.TextChoices):
    """How a person who signs up (or clicks "Mitmachen") becomes a resident member."""

    OPEN = "open", _("At once: everyone who signs up becomes a resident member")
    APPROVAL = "approval", _("After approval by the coordination")


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def active(self) -> MunicipalityQuerySet:
        return self.filter(is_active=True)


class Municipality(models.Model):
    """A tenant: everything tenant-owned hangs off one municipality."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("address in the URL"),
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, e.g. “musterstadt”."),
    )
    land = models.CharField(_("federal state"), max_length=2, choices=Land.choices)
    # The official municipality key (Amtlicher Gemeindeschlüssel): open data and the
    # OParl body name the municipality by it (docs/open-data.md).
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{8}$", _("The official municipality key has exactly 8 digits.")
            )
        ],
        help_text=_(
            "The 8-digit Amtlicher Gemeindeschlüssel, e.g. 08111000 for Stuttgart."
        ),
    )
    description = models.TextField(_("short description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/municipalities/", blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Settings that later modules read.
    moderation_mode = models.CharField(
        _("moderation of contributions"),
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.POST,
    )
    response_days = models.PositiveSmallIntegerField(
        _("days until every contribution gets an answer"), default=21
    )
    join_policy = models.CharField(
        _("joining as a resident"),
        max_length=8,
        choices=JoinPolicy.choices,
        default=JoinPolicy.APPROVAL,
        help_text=_(
            "Whether people who sign up for this municipality become members at "
            "once or after a coordinator has approved their request."
        ),
    )
    require_mfa_for_staff = models.BooleanField(
        _("require two-factor authentication for coordinators and admins"),
        default=False,
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:municipality", kwargs={"municipality_slug": self.slug})


class TenantRequest(HttpRequest):
    """The request as views below /<municipality_slug>/ see it (set by TenantMiddleware)."""

    municipality: Municipality


class TenantQuerySet(models.QuerySet):
    def of(self, municipality: Municipality) -> Self:
        return self.filter(municipality=municipality)


class TenantModel(models.Model):
    """Base of every tenant-owned row: it belongs to exactly one municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )

    class Meta:
        abstract = True


class Neighborhood(TenantModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the URL"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        null=True,
        blank=True,
        validators=[validate_boundary],
        help_text=_("A GeoJSON Polygon or MultiPolygon, or a Feature holding one."),
    )

    history = HistoricalRecords()
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="neighborhood_slug_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AuditRecord(models.Model):
    """Who did or was refused what, when (the fields both audit logs share)."""

    class Kind(models.TextChoices):
        ADMIN_ACTION = "admin", _("administrative action")
        ACCESS_DENIED = "denied", _("access refused")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    action = models.CharField(_("action"), max_length=200)
    target = models.CharField(_("object"), max_length=300, blank=True)
    path = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"


class AuditEntry(AuditRecord):
    """A municipality's audit log, readable by its admins.

    Entries without a municipality (the platform's legal pages, the state-wide
    library, refusals outside any municipality) go to `PlatformAuditEntry`:
    `record` chooses the table, so the municipality key here is never empty
    (core/tenancy.py)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )

    class Meta(AuditRecord.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    @classmethod
    def record(
        cls,
        *,
        kind: str,
        action: str,
        municipality: Municipality | None = None,
        **fields: Any,
    ) -> AuditRecord:
        """Write one entry: to the municipality's log, or to the platform's when
        there is no municipality."""
        if municipality is None:
            return PlatformAuditEntry.objects.create(
                kind=kind, action=action[:200], **fields
            )
        return cls.objects.create(
            kind=kind, action=action[:200], municipality=municipality, **fields
        )


class PlatformAuditEntry(AuditRecord):
    """The platform's audit log (no municipality): read by operators only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="platform_audit_entries",
    )

    class Meta(AuditRecord.Meta):
        verbose_name = _("platform audit entry")
        verbose_name_plural = _("platform audit log")


class RetentionSetting(models.Model):
    """A municipality's own retention period for one rule of core/retention.py
    (the rule's default applies without a row; the rule's limits bound `days`)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="retention_settings"
    )
    key = models.CharField(_("data kind"), max_length=80)
    days = models.PositiveIntegerField(_("retention period in days"))

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="retention_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.days}"

    def clean(self) -> None:
        from quartier.core.retention import RULES

        rule = RULES.get(self.key)
        if rule is None:
            raise ValidationError(
                {"key": _("There is no retention rule of this name.")}
            )
        if self.days is not None and not rule.min_days <= self.days <= rule.max_days:
            raise ValidationError(
                {
                    "days": _("Choose between %(min)d and %(max)d days.")
                    % {"min": rule.min_days, "max": rule.max_days}
                }
            )

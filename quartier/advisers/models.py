"""Fachberatung across municipalities (docs/support.md, "Sharing with advisers").

- An `AdvisoryOrganisation` (the state's Fachstelle) has advisers as members.
- A municipality's admin grants it one module at a time (`SharingGrant`: purpose,
  period, legal basis); core/sharing.py answers "may this adviser read this module".
- `AdviserView` is the municipality's log of what advisers opened.
- `Consultation` is the consultation log an adviser keeps per municipality.
- `PracticeExample` is something a municipality publishes for the others.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel, TenantQuerySet


class AdvisoryOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="advisory_organisations",
        blank=True,
        verbose_name=_("advisers"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("advisory organisation")
        verbose_name_plural = _("advisory organisations")

    def __str__(self) -> str:
        return self.name


class GrantState(models.TextChoices):
    ACTIVE = "active", _("active")
    UPCOMING = "upcoming", _("not yet started")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class SharingGrantQuerySet(TenantQuerySet):
    def active(self, on: datetime.date | None = None) -> SharingGrantQuerySet:
        day = on or timezone.localdate()
        return self.filter(
            starts_on__lte=day, ends_on__gte=day, revoked_at__isnull=True
        )

    def for_adviser(self, user: Any) -> SharingGrantQuerySet:
        return self.filter(organisation__members=user)


class SharingGrant(TenantModel):
    """A municipality shares one module with an advisory organisation for a while."""

    organisation = models.ForeignKey(
        AdvisoryOrganisation,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("advisory organisation"),
    )
    module_key = models.CharField(_("module"), max_length=60)
    purpose = models.TextField(_("purpose"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    legal_basis = models.TextField(_("legal basis"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted on"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = SharingGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "module_key"]
        verbose_name = _("sharing agreement")
        verbose_name_plural = _("sharing agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="advisers_grant_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["municipality", "module_key"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.module_label}"

    @property
    def module_label(self) -> str:
        from quartier.core.sharing import shared_module

        module = shared_module(self.module_key)
        return str(module.label) if module else self.module_key

    def state(self, on: datetime.date | None = None) -> str:
        day = on or timezone.localdate()
        if self.revoked_at is not None:
            return GrantState.REVOKED
        if day < self.starts_on:
            return GrantState.UPCOMING
        if day > self.ends_on:
            return GrantState.EXPIRED
        return GrantState.ACTIVE

    @property
    def state_label(self) -> str:
        return str(GrantState(self.state()).label)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end must not lie before the start.")}
            )


class AdviserView(TenantModel):
    """An adviser opened something of a shared module (the municipality's log)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("adviser"),
    )
    module_key = models.CharField(_("module"), max_length=60)
    what = models.CharField(_("what"), max_length=300)
    path = models.CharField(_("address"), max_length=500, blank=True)
    viewed_at = models.DateTimeField(_("opened"), default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = _("adviser's view")
        verbose_name_plural = _("advisers' views")


class Consultation(TenantModel):
    """One entry of the consultation log an adviser keeps for a municipality."""

    organisation = models.ForeignKey(
        AdvisoryOrganisation,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("advisory organisation"),
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.topic}"


class PracticeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    ADAPTATION = "adaptation", _("Programme adaptation")
    REFLECTION = "reflection", _("Reflection")


class PracticeExampleQuerySet(TenantQuerySet):
    def published(self) -> PracticeExampleQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class PracticeExample(TenantModel):
    """A municipality's "Praxisbeispiel" for other municipalities."""

    kind = models.CharField(_("kind"), max_length=12, choices=PracticeKind.choices)
    source_pk = models.PositiveIntegerField(_("source"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary for other municipalities"),
        help_text=_("What others can learn from it, in your own words, without names."),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact person"),
    )
    contact_consent = models.BooleanField(
        _("the contact person agrees to be asked by other municipalities"),
        default=False,
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published on"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    objects = PracticeExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")

    def __str__(self) -> str:
        return self.title

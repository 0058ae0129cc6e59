"""Role profiles and qualification offers (issue 15, R10).

A role profile describes a role in the neighbourhood work of a municipality
(Quartierskoordinator:in, Vernetzer:in, …): its tasks, the competences it needs, the
time it takes and how it is secured institutionally. `RoleHolder` rows name who fills
it — a person (user) or an actor — and are shown by name only after that person (or
the actor's admin) consented.

A qualification offer builds competences; it belongs to a municipality or, without
one, to the shared list the advisers (Fachberatung) publish for every municipality
(the programme library's pattern). Offers are matched to profiles by the names of
their competences, case-insensitively.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.models import Municipality, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def competence_key(name: str) -> str:
    """How two competence names are compared: case and surrounding spaces ignored."""
    return " ".join(name.split()).casefold()


class Securing(models.TextChoices):
    JOB_SHARE = "job_share", _("Share of a job")
    CONTRACT = "contract", _("Contract (fee or service agreement)")
    VOLUNTEER = "volunteer", _("Volunteer work")
    NOT_SECURED = "not_secured", _("Not yet secured")


class RoleProfile(TenantModel):
    name = models.CharField(_("name"), max_length=120)
    tasks = models.TextField(
        _("tasks"), help_text=_("What the role does, one task per line.")
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Roughly, e.g. 10 or 19.5. Empty: not known yet."),
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    time_note = models.CharField(
        _("note on the time needed"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “more in the weeks before the neighbourhood conference”."),
    )
    securing = models.CharField(
        _("how the role is secured"),
        max_length=16,
        choices=Securing.choices,
        default=Securing.NOT_SECURED,
    )
    securing_note = models.CharField(
        _("note on how it is secured"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “0.5 position in the health office, until 2028”."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        constraints = [
            models.UniqueConstraint(
                "municipality",
                Lower("name"),
                name="role_profile_name_unique_in_municipality",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gte=0, hours_per_week__lte=80),
                name="role_profile_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def task_list(self) -> list[str]:
        return split_lines(self.tasks)

    def competence_keys(self) -> set[str]:
        return {competence_key(c.name) for c in self.competences.all()}


class Competence(TenantChild):
    """One competence a role needs; offers that build it are matched by its name."""

    tenant_parent = "profile"

    profile = models.ForeignKey(
        RoleProfile,
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("role profile"),
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["profile", "position", "pk"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(
                "municipality",
                "profile",
                Lower("name"),
                name="competence_unique_in_profile",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoleHolder(TenantModel):
    """A person or an actor who fills a role. The name is shown (to anybody, the
    coordination included) only once `consented_at` is set: by the person
    themself, or for an actor by one of its admins."""

    profile = models.ForeignKey(
        RoleProfile,
        on_delete=models.CASCADE,
        related_name="holders",
        verbose_name=_("role profile"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_holdings",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_holdings",
        verbose_name=_("actor"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent given by"),
    )

    class Meta:
        ordering = ["profile", "added_at", "pk"]
        verbose_name = _("role holder")
        verbose_name_plural = _("role holders")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, actor__isnull=True)
                | Q(user__isnull=True, actor__isnull=False),
                name="role_holder_is_person_or_actor",
            ),
            models.UniqueConstraint(
                fields=["municipality", "profile", "user"],
                name="role_holder_person_once",
            ),
            models.UniqueConstraint(
                fields=["municipality", "profile", "actor"],
                name="role_holder_actor_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.pk}"

    @property
    def has_consent(self) -> bool:
        return self.consented_at is not None

    @property
    def name(self) -> str:
        """The holder's name: only call where consent is given (templates use
        `shown_name`)."""
        if self.actor is not None:
            return self.actor.name
        return self.user.public_name if self.user else ""

    @property
    def shown_name(self) -> str:
        """The name once consented, else empty (never the name without consent)."""
        return self.name if self.has_consent else ""


class OfferFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class QualificationOfferQuerySet(models.QuerySet["QualificationOffer"]):
    def shared(self) -> QualificationOfferQuerySet:
        return self.filter(municipality__isnull=True)

    def for_municipality(
        self, municipality: Municipality | None
    ) -> QualificationOfferQuerySet:
        """The municipality's own offers and the shared ones (public reading)."""
        if municipality is None:
            return self.shared()
        return self.filter(Q(municipality=municipality) | Q(municipality__isnull=True))


class QualificationOffer(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="qualification_offers",
        verbose_name=_("municipality"),
        help_text=_("Empty: shared by the advisers with every municipality."),
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    format = models.CharField(_("format"), max_length=16, choices=OfferFormat.choices)
    starts_on = models.DateField(_("first date"), null=True, blank=True)
    ends_on = models.DateField(_("last date"), null=True, blank=True)
    dates_note = models.CharField(
        _("dates"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “4 Fridays, 9:00 to 16:00” or “on request”."),
    )
    costs = models.CharField(
        _("costs"), max_length=200, blank=True, help_text=_("E.g. “free” or “180 €”.")
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    competences = models.TextField(
        _("competences it builds"),
        help_text=_(
            "One per line, named as in the role profiles (upper and lower case do "
            "not matter)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = QualificationOfferQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "title", "pk"]
        verbose_name = _("qualification offer")
        verbose_name_plural = _("qualification offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=False, ends_on__gte=models.F("starts_on")),
                name="qualification_offer_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.municipality_id is None

    @property
    def competence_list(self) -> list[str]:
        return split_lines(self.competences)

    def competence_keys(self) -> set[str]:
        return {competence_key(c) for c in self.competence_list}

    def is_past(self, today: datetime.date) -> bool:
        last = self.ends_on or self.starts_on
        return last is not None and last < today


def upcoming_first(offers: Any, today: datetime.date) -> list[QualificationOffer]:
    """Upcoming and running offers by date, then those without a date, then past
    ones (latest first)."""

    def key(offer: QualificationOffer) -> tuple[int, int, str]:
        if offer.starts_on is None:
            return (1, 0, offer.title)
        if offer.is_past(today):
            return (2, -offer.starts_on.toordinal(), offer.title)
        return (0, offer.starts_on.toordinal(), offer.title)

    return sorted(offers, key=key)


def matching_offers(
    profile: RoleProfile, offers: Any
) -> list[tuple[QualificationOffer, list[str]]]:
    """The offers that build one of the profile's competences, each with the names
    of the competences it builds for this profile (in the profile's order)."""
    names = {competence_key(c.name): c.name for c in profile.competences.all()}
    found = []
    for offer in offers:
        shared = [names[k] for k in names if k in offer.competence_keys()]
        if shared:
            found.append((offer, shared))
    return found

"""Models of the learning app: time spent on relationship work, made visible.

A time entry records hours of a person or of an actor (exactly one of them) in one
category: Vernetzung, Moderation, Übersetzung, Organisation, Ehrenamt, Beratung.

Recording the working time of employees is a technical means of monitoring them
(LPVG BW, § 87 (1) 6 BetrVG): the module stays off in a municipality until an admin
confirms an agreement with the staff council or chooses "own entries only, no
totals per person" (TimeTrackingSetting, docs/time.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.probe import value_of

MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("24")
# Time is a person's or an actor's, never both (entries and their kept shares).
PERSON_OR_ACTOR = Q(person__isnull=False, actor__isnull=True) | Q(
    person__isnull=True, actor__isnull=False
)


class TimeCategory(models.TextChoices):
    NETWORKING = "networking", _("Networking")
    MODERATION = "moderation", _("Moderation")
    TRANSLATION = "translation", _("Translation")
    ORGANISATION = "organisation", _("Organisation")
    VOLUNTEERING = "volunteering", _("Volunteering")
    ADVICE = "advice", _("Advice")


class TimeTrackingMode(models.TextChoices):
    OFF = "off", _("Off")
    OWN_ONLY = "own_only", _("Own entries only, no totals per person")
    AGREEMENT = "agreement", _("On, an agreement with the staff council is in place")


class TimeTrackingSetting(TenantModel):
    """How a municipality uses time entries; no row means "off"."""

    mode = models.CharField(
        _("time entries"),
        max_length=16,
        choices=TimeTrackingMode.choices,
        default=TimeTrackingMode.OFF,
    )
    agreement_note = models.CharField(
        _("agreement with the staff council"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Dienstvereinbarung Zeiterfassung vom 12.03.2026”."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("time entry setting")
        verbose_name_plural = _("time entry settings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="one_time_tracking_setting"
            )
        ]

    def __str__(self) -> str:
        return self.get_mode_display()

    @classmethod
    def mode_of(cls, municipality: Any) -> str:
        """The municipality's mode: "off" unless an admin chose otherwise."""
        if municipality is None:
            return TimeTrackingMode.OFF
        cache = getattr(municipality, "_time_tracking_mode", None)
        if cache is None:
            # Asked for the home's module cards on every request: written out
            # (core/probe.py); at most one row (one_time_tracking_setting).
            key = getattr(municipality, "pk", municipality)
            cache = value_of(cls, "mode", municipality=key) or TimeTrackingMode.OFF
            municipality._time_tracking_mode = cache
        return cache


class TimeEntryQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Single entries: coordinators see all (people's only with the staff
        council's agreement); everyone else the entries they
        made, those about themselves, and those of the actors they act for."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            if TimeTrackingSetting.mode_of(municipality) == TimeTrackingMode.AGREEMENT:
                return qs
            # Own entries only: the coordination sees the actors' time, not people's.
            return qs.filter(
                Q(actor__isnull=False) | Q(person=user) | Q(created_by=user)
            )
        if not getattr(user, "is_authenticated", False):
            return qs.none()
        return qs.filter(
            Q(person=user) | Q(created_by=user) | Q(actor__members=user)
        ).distinct()


class TimeEntry(TenantModel):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="time_entries",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_entries",
        verbose_name=_("actor"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        help_text=_("From 0.25 to 24, e.g. 1.5 for an hour and a half."),
    )
    category = models.CharField(
        _("category"), max_length=16, choices=TimeCategory.choices
    )
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    note = models.CharField(_("what was done"), max_length=300, blank=True)
    # Which role's work it was (roles app): makes relationship work per role
    # visible (docs/roles.md).
    role = models.ForeignKey(
        "roles.RoleProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="time_entries",
        verbose_name=_("role"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="time_entries_created",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        constraints = [
            models.CheckConstraint(
                condition=PERSON_OR_ACTOR, name="time_entry_is_person_or_actor"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=MIN_HOURS, hours__lte=MAX_HOURS),
                name="time_entry_hours_range",
            ),
        ]
        indexes = [
            # Every column the kept sums are counted from (learning/year_sums.py):
            # a recount of a quarter's cell and a year's rebuild read the index
            # alone, not each entry's row. Its first two columns serve what the
            # (municipality, date) index served (the list of years).
            models.Index(
                fields=[
                    "municipality",
                    "date",
                    "category",
                    "actor",
                    "person",
                    "neighborhood",
                    "hours",
                ],
                name="time_entry_sums",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.who_label}: {self.hours} h"

    @property
    def who_label(self) -> str:
        if self.actor is not None:
            return self.actor.name
        return self.person.public_name if self.person else ""


class KeptHours(TenantModel):
    """Hours of one year kept for the totals page (learning/year_sums.py), in one
    neighbourhood or, without one, in all of them."""

    year = models.PositiveSmallIntegerField(_("year"))
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    hours = models.DecimalField(_("hours"), max_digits=12, decimal_places=2)

    class Meta:
        abstract = True


class TimeSum(KeptHours):
    """The kept hours in one category and quarter, an actor's or people's: what the
    totals page adds up instead of the year's entries."""

    category = models.CharField(
        _("category"), max_length=16, choices=TimeCategory.choices
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    of_actors = models.BooleanField(_("actors' time"))

    class Meta:
        verbose_name = _("kept time sum")
        verbose_name_plural = _("kept time sums")
        constraints = [
            models.UniqueConstraint(
                "municipality",
                "year",
                Coalesce("neighborhood", 0),
                "category",
                "quarter",
                "of_actors",
                name="one_time_sum_per_cell",
            )
        ]


class TimeShare(KeptHours):
    """The kept hours of one actor or one person: the bars of the totals page's
    charts, read in order of hours from their index."""

    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("kept share of time")
        verbose_name_plural = _("kept shares of time")
        constraints = [
            models.CheckConstraint(
                condition=PERSON_OR_ACTOR, name="time_share_is_person_or_actor"
            ),
            models.UniqueConstraint(
                "municipality",
                "year",
                Coalesce("neighborhood", 0),
                Coalesce("actor", 0),
                Coalesce("person", 0),
                name="one_time_share_per_whom",
            ),
        ]
        indexes = [
            # The charts' top: the most hours first, read from the index until full.
            models.Index(
                fields=["municipality", "year", "neighborhood", "-hours", "actor"],
                condition=Q(actor__isnull=False),
                name="time_share_actor_rank",
            ),
            models.Index(
                fields=["municipality", "year", "neighborhood", "-hours", "person"],
                condition=Q(person__isnull=False),
                name="time_share_person_rank",
            ),
        ]

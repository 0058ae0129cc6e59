"""Models of the impact app: shared goals, impact models on the seven stages of
the Wirkungstreppe (PHINEO), indicators on a stage and their measurements.

A goal says what a municipality (or one neighbourhood) wants to change and why, in
the words its forum agreed on. An impact model (of a goal or of an initiative)
describes each of the seven stages and, between two stages, the assumption that
leads from one to the next. An indicator sits on one stage; its measurements are a
dated series, either computed from a registered source (core/indicator_sources.py)
or recorded by hand. docs/impact.md explains all of it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


class Stage(models.IntegerChoices):
    ACTIVITIES = 1, _("Activities take place")
    REACHED = 2, _("Target groups are reached")
    ACCEPTED = 3, _("Target groups accept the offerings")
    AWARENESS = 4, _("Awareness and skills change")
    ACTION = 5, _("Action changes")
    SITUATION = 6, _("Living conditions change")
    SOCIETY = 7, _("Society changes")


class GoalVisibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal (a draft)")


class GoalQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Public goals for everybody; drafts for members and advisers (rules.py)."""
        from quartier.core.predicates import can_read_internal

        qs = self.of(municipality)
        if can_read_internal(user, municipality):
            return qs
        return qs.filter(visibility=GoalVisibility.PUBLIC)


class GoalInitiative(TenantChild):
    """An initiative that works towards a goal: the rows of `Goal.initiatives`.

    Explicit only so that the table carries the municipality key (core/tenancy.py);
    it keeps the table and the columns Django had created for the field. Declared
    before `Goal`: simple_history copies its fields, the key included, into the
    goal's many-to-many history when `Goal` is prepared.
    """

    tenant_parent = "goal"

    goal = models.ForeignKey("Goal", on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "impact_goal_initiatives"
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "goal", "initiative"],
                name="goal_initiative_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} → {self.initiative_id}"


def _history_model_name(name: str) -> str:
    # simple_history names a many-to-many history after the through model; the
    # goal's keeps the name (and table, impact_historicalgoal_initiatives) it had
    # when Django made the through model itself.
    return (
        "HistoricalGoal_initiatives"
        if name == "GoalInitiative"
        else f"Historical{name}"
    )


class Goal(TenantModel):
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
        help_text=_("Empty: the whole municipality."),
    )
    title = models.CharField(_("title"), max_length=200)
    narrative = models.TextField(
        _("why this matters to us"),
        blank=True,
        help_text=_("In the words the forum agreed on."),
    )
    decision = models.ForeignKey(
        "forums.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by the decision"),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        through=GoalInitiative,
        related_name="+",
        blank=True,
        verbose_name=_("initiatives"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=GoalVisibility.choices,
        default=GoalVisibility.PUBLIC,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[initiatives], custom_model_name=_history_model_name
    )
    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    @property
    def narrative_html(self) -> str:
        """The narrative, sanitised again when shown (rows written past the
        service, e.g. by an import, cannot bring markup of their own)."""
        from django.utils.safestring import mark_safe

        from quartier.core.sanitize import clean_html

        return mark_safe(clean_html(self.narrative))  # noqa: S308 - sanitised

    def get_absolute_url(self) -> str:
        return reverse(
            "impact:goal",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )


ASSUMPTION_HELP = _(
    "In plain words: why should this step lead to the next one? What must hold?"
)


class ImpactModel(TenantModel):
    """The Wirkungstreppe of a goal or of an initiative (exactly one of them)."""

    goal = models.OneToOneField(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="impact_model",
        verbose_name=_("goal"),
    )
    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="impact_model",
        verbose_name=_("initiative"),
    )
    stage_1 = models.TextField(Stage.ACTIVITIES.label, blank=True)
    stage_2 = models.TextField(Stage.REACHED.label, blank=True)
    stage_3 = models.TextField(Stage.ACCEPTED.label, blank=True)
    stage_4 = models.TextField(Stage.AWARENESS.label, blank=True)
    stage_5 = models.TextField(Stage.ACTION.label, blank=True)
    stage_6 = models.TextField(Stage.SITUATION.label, blank=True)
    stage_7 = models.TextField(Stage.SOCIETY.label, blank=True)
    # assumption_n: what leads from stage n to stage n + 1.
    assumption_1 = models.TextField(_("assumption from 1 to 2"), blank=True)
    assumption_2 = models.TextField(_("assumption from 2 to 3"), blank=True)
    assumption_3 = models.TextField(_("assumption from 3 to 4"), blank=True)
    assumption_4 = models.TextField(_("assumption from 4 to 5"), blank=True)
    assumption_5 = models.TextField(_("assumption from 5 to 6"), blank=True)
    assumption_6 = models.TextField(_("assumption from 6 to 7"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("impact model")
        verbose_name_plural = _("impact models")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False, initiative__isnull=True)
                | Q(goal__isnull=True, initiative__isnull=False),
                name="impact_model_of_goal_or_initiative",
            )
        ]

    def __str__(self) -> str:
        return str(self.owner)

    @property
    def owner(self) -> Any:
        return self.goal if self.goal_id else self.initiative

    @property
    def neighborhood(self) -> Any:
        return self.goal.neighborhood if self.goal is not None else None

    def get_absolute_url(self) -> str:
        return reverse(
            "impact:model",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )


class Direction(models.TextChoices):
    UP = "up", _("more is better")
    DOWN = "down", _("less is better")


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("computed from Quartier's data")
    RECORDED = "recorded", _("recorded by hand")


class Window(models.TextChoices):
    MONTH = "month", _("the month up to the measurement day")
    QUARTER = "quarter", _("the three months up to the measurement day")
    YEAR = "year", _("the twelve months up to the measurement day")


def _number(label: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


class Indicator(TenantModel):
    impact_model = models.ForeignKey(
        ImpactModel, on_delete=models.CASCADE, related_name="indicators"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. “people”."))
    kind = models.CharField(
        _("kind"),
        max_length=8,
        choices=IndicatorKind.choices,
        default=IndicatorKind.RECORDED,
    )
    source_key = models.CharField(_("computed from"), max_length=80, blank=True)
    source_option = models.CharField(_("which one"), max_length=80, blank=True)
    window = models.CharField(
        _("counted over"),
        max_length=8,
        choices=Window.choices,
        default=Window.YEAR,
        help_text=_("For computed indicators: the period each measurement counts."),
    )
    source_text = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the numbers come from, e.g. “Schuleingangsuntersuchung”."),
    )
    baseline_value = _number(_("baseline"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = _number(_("target"))
    target_date = models.DateField(_("target date"))
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "name", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__gte=1, stage__lte=7), name="indicator_stage_1_7"
            ),
            models.CheckConstraint(
                condition=Q(kind="recorded") | ~Q(source_key=""),
                name="computed_indicator_has_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "impact:indicator",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_computed(self) -> bool:
        return self.kind == IndicatorKind.COMPUTED


class Measurement(TenantModel):
    """One value of an indicator on a day. Computed ones are written by
    `quartier compute_indicators` or the coordinator's button; recorded ones say
    who recorded them and may carry a note."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measurements"
    )
    date = models.DateField(_("date"))
    value = _number(_("value"))
    computed = models.BooleanField(_("computed"), default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "date"],
                name="one_measurement_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.value}"


def as_decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))

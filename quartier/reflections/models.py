"""Reflection rounds that end in tracked changes (issue 15, R9; docs/reflections.md).

A `Reflection` looks back on one thing — a meeting, a compass round, an initiative
(its phase) or a fund's year — in three steps: "Was?" (what happened), "Und jetzt?"
(what it means) and "Was nun?" (what we change). The thing reflected on is an
explicit nullable foreign key per kind (not the generic link registry): the page
shows that object's own data beside "Und jetzt?" and the queryset can check its
visibility in SQL.

Every "Was nun?" item is an `Adaptation`: a decision of the forums' decisions
register (owner, due date, RACI, follow-up, status log). Its state here is derived
from the decision's status, never stored twice.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel, TenantQuerySet


class ReflectionQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Members of the municipality (and advisers with access) see reflections,
        except those on a meeting, round or initiative they may not see."""
        from quartier.core.predicates import can_read_internal

        if not can_read_internal(user, municipality):
            return self.none()
        rows = self.of(municipality).select_related(
            "municipality", "meeting__forum", "compass_round", "initiative", "fund"
        )
        shown = [r.pk for r in rows if user.has_perm("reflections.view_reflection", r)]
        return self.filter(pk__in=shown)


class Reflection(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    meeting = models.ForeignKey(
        "forums.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("meeting"),
    )
    compass_round = models.ForeignKey(
        "compass.Round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("compass round"),
    )
    compass_field = models.ForeignKey(
        "compass.TensionField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("tension field"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("initiative"),
    )
    fund = models.ForeignKey(
        "funds.Fund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("fund"),
    )
    fund_year = models.PositiveSmallIntegerField(_("fund year"), null=True, blank=True)
    what = models.TextField(
        _("Was? What happened"),
        help_text=_("Observations: what happened, what did we see and hear?"),
    )
    so_what = models.TextField(
        _("Und jetzt? What it means"),
        blank=True,
        help_text=_("What does it mean? Why did it turn out this way?"),
    )
    now_what = models.TextField(
        _("Was nun? What we change"),
        blank=True,
        help_text=_(
            "What we change, in short. Each change is recorded as a tracked "
            "adaptation below."
        ),
    )
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fund__isnull=True)
                | models.Q(fund_year__isnull=False),
                name="reflection_fund_has_year",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "reflections:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def subjects(self) -> list[Any]:
        """The objects reflected on (usually one)."""
        return [
            obj
            for obj in (self.meeting, self.compass_round, self.initiative, self.fund)
            if obj is not None
        ]


class AdaptationState(models.TextChoices):
    OPEN = "open", _("open")
    LATE = "late", _("late")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Adaptation(models.Model):
    """A "Was nun?" item: the decision that carries it (owner, due date, RACI)."""

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="adaptations"
    )
    decision = models.ForeignKey(
        "forums.Decision",
        on_delete=models.PROTECT,
        related_name="adaptations",
        verbose_name=_("decision"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reflection", "pk"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "decision"], name="adaptation_once_per_decision"
            )
        ]

    def __str__(self) -> str:
        return str(self.decision)

    @property
    def state(self) -> str:
        """Done, dropped (rejected), late (due date passed, still open) or open."""
        from quartier.forums.models import DecisionStatus

        status = self.decision.status
        if status == DecisionStatus.DONE:
            return AdaptationState.DONE
        if status == DecisionStatus.REJECTED:
            return AdaptationState.DROPPED
        if self.decision.is_overdue:
            return AdaptationState.LATE
        return AdaptationState.OPEN

    def get_state_display(self) -> str:
        return str(AdaptationState(self.state).label)

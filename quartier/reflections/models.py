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

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


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


class Adaptation(TenantChild):
    """A "Was nun?" item: the decision that carries it (owner, due date, RACI)."""

    tenant_parent = "reflection"

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
                fields=["municipality", "reflection", "decision"],
                name="adaptation_once_per_decision",
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


class TextChangeState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPLIED = "applied", _("applied")
    DROPPED = "dropped", _("dropped")


class TextChangeQuerySet(TenantQuerySet):
    def of_object(self, obj: Any) -> Self:
        """The changes of one object's adaptable texts (core/adaptable_texts.py)."""
        return self.filter(key__startswith=f"{obj._meta.label}.", object_id=str(obj.pk))

    def applied(self) -> Self:
        return self.filter(state=TextChangeState.APPLIED)


class TextChange(TenantModel):
    """A "Was nun?" item that changes a text of another module — a forum's mandate,
    an initiative's plan, a fund's rules (core/adaptable_texts.py) — instead of a
    decision. Proposed first (or applied at once); once applied, `before` and
    `after` are the text as it was and as it became, and the row is the object's
    dated change log entry."""

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="text_changes"
    )
    key = models.CharField(_("what is changed"), max_length=120)
    object_id = models.CharField(max_length=40)
    object_title = models.CharField(max_length=300)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("new text"))
    reason = models.TextField(_("reason"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=TextChangeState.choices,
        default=TextChangeState.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = TextChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("text change")
        verbose_name_plural = _("text changes")
        indexes = [models.Index(fields=["key", "object_id"], name="textchange_object")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="proposed")
                | models.Q(decided_at__isnull=False),
                name="textchange_decided_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_title}: {self.key}"

    @property
    def adaptable(self) -> Any:
        from quartier.core.adaptable_texts import get

        return get(self.key)

    @property
    def label(self) -> str:
        spec = self.adaptable
        return str(spec.label) if spec else self.key

    def target(self) -> Any:
        """The changed object (None when it no longer exists)."""
        spec = self.adaptable
        if spec is None:
            return None
        return (
            spec.model.objects.filter(pk=self.object_id)
            .select_related("municipality")
            .first()
        )

    @property
    def state_in_reflection(self) -> str:
        """As decisions' adaptations: done, dropped, late (due date passed while
        still proposed) or open."""
        if self.state == TextChangeState.APPLIED:
            return AdaptationState.DONE
        if self.state == TextChangeState.DROPPED:
            return AdaptationState.DROPPED
        if self.due_date and self.due_date < timezone.localdate():
            return AdaptationState.LATE
        return AdaptationState.OPEN

    def get_state_in_reflection_display(self) -> str:
        return str(AdaptationState(self.state_in_reflection).label)

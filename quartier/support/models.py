"""The Quartiers-Check and the support catalogue (issue 16; docs/support.md).

Quartiers-Check: a `CheckRound` per municipality and year. Every member of the team
answers the questions of questions.py on a 4-step scale (`CheckAnswer`, one per
person and question: persons' data, never shown to advisers). A coordinator
confirms one `CheckResult` per question: the team's answer, which may take or
override the suggestion Quartier computed from its own data (the rule and the
evidence are stored with the result, an override needs a reason). Weak
recommendations lead to `NextStep`s.

Support offers: `SupportOffer` without a municipality belong to the state-wide
catalogue the advisers maintain; with one they are the municipality's local offers.
Offers are public reading. `OfferDeadline`s feed the iCalendar feed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild
from quartier.support.questions import SCALE

SCALE_CHOICES = [(value, label) for value, label in SCALE.items()]
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CheckRound(TenantModel):
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("check round")
        verbose_name_plural = _("check rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="one_check_round_per_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="check_round_year_range",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Quartiers-Check %(year)s") % {"year": self.year})

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    def get_absolute_url(self) -> str:
        return reverse(
            "support:round",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )


class CheckAnswer(TenantChild):
    """One team member's answer to one question of a round."""

    tenant_parent = "round"

    round = models.ForeignKey(
        CheckRound, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.CharField(_("question"), max_length=40)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="check_answers",
    )
    value = models.PositiveSmallIntegerField(
        _("assessment"), choices=SCALE_CHOICES, validators=SCALE_VALIDATORS
    )
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "question", "pk"]
        verbose_name = _("check answer")
        verbose_name_plural = _("check answers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "question", "person"],
                name="one_check_answer_per_person",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=4),
                name="check_answer_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"


class CheckResult(TenantChild):
    """The team result of one question, confirmed by a coordinator."""

    tenant_parent = "round"

    round = models.ForeignKey(
        CheckRound, on_delete=models.CASCADE, related_name="results"
    )
    question = models.CharField(_("question"), max_length=40)
    value = models.PositiveSmallIntegerField(
        _("team result"), choices=SCALE_CHOICES, validators=SCALE_VALIDATORS
    )
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    suggested_value = models.PositiveSmallIntegerField(
        _("suggested value"), null=True, blank=True, validators=SCALE_VALIDATORS
    )
    suggestion_rule = models.TextField(_("rule of the suggestion"), blank=True)
    reason = models.TextField(_("reason for overriding the suggestion"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        ordering = ["round", "question"]
        verbose_name = _("team result")
        verbose_name_plural = _("team results")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "question"],
                name="one_check_result_per_question",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=4),
                name="check_result_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"

    @property
    def overrides_suggestion(self) -> bool:
        return self.suggested_value is not None and self.value != self.suggested_value


class NextStep(TenantChild):
    """A suggested action for a weak recommendation; can be marked done."""

    tenant_parent = "round"

    round = models.ForeignKey(
        CheckRound, on_delete=models.CASCADE, related_name="next_steps"
    )
    recommendation = models.CharField(_("recommendation"), max_length=4)
    action = models.CharField(max_length=40)
    text = models.CharField(_("next step"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "recommendation", "pk"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "action"],
                name="one_next_step_per_action",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class OfferKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    ADVICE = "advice", _("Advice")
    FUNDING = "funding", _("Funding")
    QUALIFICATION = "qualification", _("Qualification")
    NETWORKING = "networking", _("Networking and exchange")


class SupportOfferQuerySet(models.QuerySet["SupportOffer"]):
    def state_wide(self) -> SupportOfferQuerySet:
        return self.filter(municipality__isnull=True)

    def catalogue_of(self, municipality: Municipality | None) -> SupportOfferQuerySet:
        """The state-wide catalogue and, on a municipality's pages, its own offers."""
        if municipality is None:
            return self.state_wide()
        return self.filter(Q(municipality__isnull=True) | Q(municipality=municipality))

    def for_recommendation(self, key: str) -> SupportOfferQuerySet:
        return self.filter(recommendations__icontains=f"|{key}|")


class SupportOffer(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_offers",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.TextField(_("description"))
    audience = models.CharField(_("who may use it"), max_length=300, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    link = models.URLField(_("link"), blank=True)
    # "|R1|R4|": the recommendations the offer helps with (matched to weak areas).
    recommendations = models.CharField(_("recommendations"), max_length=60, blank=True)
    # "|idea|concept|": the phases of an initiative it fits (the process guide).
    phases = models.CharField(_("phases"), max_length=120, blank=True)
    amount_min = models.DecimalField(
        _("amount from (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("amount up to (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cofinancing_percent = models.PositiveSmallIntegerField(
        _("own share (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportOfferQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title", "pk"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="support_offer_amount_range",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_min__gte=0),
                name="support_offer_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_percent__isnull=True)
                | Q(cofinancing_percent__lte=100),
                name="support_offer_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self, municipality: Any = None) -> str:
        where = municipality or self.municipality
        if where is None:
            return reverse("shared_support:offer", kwargs={"pk": self.pk})
        return reverse(
            "support:offer",
            kwargs={"municipality_slug": where.slug, "pk": self.pk},
        )

    @property
    def is_state_wide(self) -> bool:
        return self.municipality_id is None

    @property
    def recommendation_keys(self) -> list[str]:
        return [k for k in self.recommendations.split("|") if k]

    @property
    def phase_keys(self) -> list[str]:
        return [k for k in self.phases.split("|") if k]


class OfferDeadline(models.Model):
    offer = models.ForeignKey(
        SupportOffer, on_delete=models.CASCADE, related_name="deadlines"
    )
    due_on = models.DateField(_("deadline"))
    label = models.CharField(_("what is due"), max_length=200)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.due_on}: {self.label}"

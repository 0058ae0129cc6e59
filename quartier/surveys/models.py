"""Surveys (Umfragen): built by coordinators, answered anonymously, one answer per
person.

A Response belongs either to an account (unique per survey and user) or to an
anonymous visitor, known only by a hash of a random id kept in a signed cookie; the
hash is salted with the survey, so two answers of the same visitor to two surveys
cannot be linked. Results never name anybody.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_VALUES = range(1, 6)


class SurveyQuerySet(TenantQuerySet):
    def published(self) -> SurveyQuerySet:
        return self.filter(status=SurveyStatus.PUBLISHED)

    def visible_to(self, user: Any, municipality: Any) -> SurveyQuerySet:
        """Published surveys for everybody, drafts too for the coordination."""
        qs = self.of(municipality)
        if user.has_perm("surveys.add_survey", municipality):
            return qs
        return qs.published()


class Survey(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the survey is about and what happens with the answers."),
    )
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
        help_text=_("Leave empty for a survey about the whole municipality."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SurveyStatus.choices,
        default=SurveyStatus.DRAFT,
    )
    show_results_while_open = models.BooleanField(
        _("show the results while the survey is open"), default=False
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "surveys:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED

    @property
    def has_started(self) -> bool:
        return self.opens_at is None or self.opens_at <= timezone.now()

    @property
    def is_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        """Published, started and not yet closed: answers are accepted."""
        return self.is_published and self.has_started and not self.is_closed

    @property
    def state_label(self) -> str:
        if not self.is_published:
            return str(_("Draft"))
        if self.is_closed:
            return str(_("Closed"))
        if not self.has_started:
            return str(_("Not yet open"))
        return str(_("Open"))

    @property
    def results_public(self) -> bool:
        return self.is_published and (
            self.is_closed or (self.show_results_while_open and self.has_started)
        )


class Question(TenantChild):
    tenant_parent = "survey"

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind of question"), max_length=10, choices=QuestionKind.choices
    )
    required = models.BooleanField(_("an answer is required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    scale_low_label = models.CharField(
        _("meaning of 1"), max_length=60, blank=True, help_text=_("E.g. “not at all”.")
    )
    scale_high_label = models.CharField(
        _("meaning of 5"), max_length=60, blank=True, help_text=_("E.g. “very much”.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS


class Choice(TenantChild):
    tenant_parent = "question"

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices"
    )
    text = models.CharField(_("answer option"), max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self) -> str:
        return self.text


class Response(TenantChild):
    """One person's answers to one survey; who it was is never shown."""

    tenant_parent = "survey"

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    # Kept only to refuse a second answer; results and exports never read it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    respondent_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "survey", "user"],
                condition=Q(user__isnull=False),
                name="survey_one_response_per_user",
            ),
            models.UniqueConstraint(
                fields=["municipality", "survey", "respondent_hash"],
                condition=~Q(respondent_hash=""),
                name="survey_one_response_per_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(TenantChild):
    """One answer to one question: a choice (one row per ticked option), a value on
    the scale, or a text."""

    tenant_parent = "response"

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="survey_answer_choice_once",
            ),
            models.UniqueConstraint(
                fields=["municipality", "response", "question"],
                condition=Q(choice__isnull=True),
                name="survey_answer_once",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="survey_answer_scale_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_id or self.value or self.text[:40]}"

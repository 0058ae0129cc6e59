"""Models of the compass app: tension fields, rounds, assessments and positions.

A round asks every participant where the neighbourhood *is* (Ist) and where it
*should be* (Soll) between the two poles of each tension field, on a scale 0–100
(0 = the left pole, 100 = the right pole), together with their perspective.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild

SCALE_MIN = 0
SCALE_MAX = 100

# The five tension fields of the seed paper (section 3), created for every
# municipality. Names and explanations are data, kept in German like any content.
DEFAULT_FIELDS: tuple[dict[str, str], ...] = (
    {
        "name": "Steuerung ↔ Selbstorganisation",
        "left_pole": "Steuerung",
        "right_pole": "Selbstorganisation",
        "explanation": (
            "Wie viel gibt die Kommune vor, und wie viel gestalten Menschen und "
            "Initiativen im Quartier selbst? Selbstorganisation braucht Räume, "
            "Geld und Zeit – und eine Kommune, die rahmt und ermöglicht, statt "
            "alles im Detail zu steuern."
        ),
    },
    {
        "name": "Standardisierung ↔ lokale Passung",
        "left_pole": "Standardisierung",
        "right_pole": "lokale Passung",
        "explanation": (
            "Übernehmen wir Programme und Vorgaben so, wie sie sind, oder passen "
            "wir sie an unser Quartier an? „So viel Standardisierung wie nötig, so "
            "viel lokale Anpassung wie möglich“ – Leitplanken statt Blaupausen."
        ),
    },
    {
        "name": "Verwaltung ↔ Zivilgesellschaft",
        "left_pole": "Verwaltung",
        "right_pole": "Zivilgesellschaft",
        "explanation": (
            "Wer hat das Sagen, wer setzt um? Vereine, Initiativen und "
            "Bewohner:innen sind nicht nur „Umsetzer“, sondern gestalten mit – "
            "auf Augenhöhe mit der Verwaltung und mit geteilter Verantwortung."
        ),
    },
    {
        "name": "Struktur ↔ Haltung",
        "left_pole": "Struktur",
        "right_pole": "Haltung",
        "explanation": (
            "Tragen uns vor allem Gremien, Zuständigkeiten und Regeln – oder "
            "gemeinsame Werte, Vertrauen und eine gemeinsame Sprache? Strukturen "
            "allein tragen nicht; Kultur ist kein „weicher Faktor“."
        ),
    },
    {
        "name": "Gesundheit als Auftrag ↔ Gesundheit als Wettbewerb",
        "left_pole": "Gesundheit als Auftrag",
        "right_pole": "Gesundheit als Wettbewerb",
        "explanation": (
            "Ist Gesundheit im Quartier ein gemeinsamer Auftrag, den alle zusammen "
            "tragen – oder konkurrieren Träger und Angebote um Mittel, "
            "Zuständigkeiten und Teilnehmende? Gemeinsame Ziele und vernetzte "
            "Angebote statt paralleler Strukturen."
        ),
    },
)


class TensionFieldQuerySet(TenantQuerySet):
    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)


class TensionField(TenantModel):
    """A tension field between two poles (Spannungsfeld)."""

    name = models.CharField(_("name"), max_length=200)
    left_pole = models.CharField(
        _("left pole (0)"),
        max_length=100,
        help_text=_("The pole at 0 on the scale, e.g. “Steuerung”."),
    )
    right_pole = models.CharField(
        _("right pole (100)"),
        max_length=100,
        help_text=_("The pole at 100 on the scale, e.g. “Selbstorganisation”."),
    )
    explanation = models.TextField(
        _("explanation in plain language"),
        blank=True,
        help_text=_("Two or three short sentences: what is this field about?"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = TensionFieldQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tension field")
        verbose_name_plural = _("tension fields")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="tension_field_name_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class RoundQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Draft rounds only for coordinators; open and closed ones for everyone."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        return qs.exclude(status=RoundStatus.DRAFT)


class Round(TenantModel):
    """A round of the compass, e.g. "Frühjahr 2027"."""

    title = models.CharField(_("title"), max_length=200)
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
        help_text=_("Empty: the whole municipality."),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=RoundStatus.choices,
        default=RoundStatus.DRAFT,
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("compass round")
        verbose_name_plural = _("compass rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"],
                name="compass_round_title_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "compass:round",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Perspective(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration")
    POLITICS = "politics", _("Politics")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    HEALTH_CARE = "health_care", _("Health care")
    RESIDENTS = "residents", _("Residents")
    ECONOMY = "economy", _("Economy")
    SCIENCE = "science", _("Science")
    OTHER = "other", _("Other")


class Assessment(TenantModel):
    """One participant's assessment in one round (one per person and round)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assessments"
    )
    # SET_NULL: a deleted account leaves its anonymous numbers in the results.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compass_assessments",
    )
    perspective = models.CharField(
        _("perspective"), max_length=16, choices=Perspective.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "user"],
                condition=Q(user__isnull=False),
                name="one_assessment_per_person_and_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.get_perspective_display()}"


class Position(TenantChild):
    """Where one assessment places the neighbourhood on one field: Ist and Soll."""

    tenant_parent = "assessment"

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="positions"
    )
    field = models.ForeignKey(
        TensionField, on_delete=models.PROTECT, related_name="positions"
    )
    current = models.PositiveSmallIntegerField(_("where we are (0–100)"))
    target = models.PositiveSmallIntegerField(_("where we should be (0–100)"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["assessment", "field__order", "field_id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "assessment", "field"],
                name="one_position_per_field",
            ),
            models.CheckConstraint(
                condition=Q(current__gte=SCALE_MIN, current__lte=SCALE_MAX),
                name="position_current_0_100",
            ),
            models.CheckConstraint(
                condition=Q(target__gte=SCALE_MIN, target__lte=SCALE_MAX),
                name="position_target_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.current} → {self.target}"


class Tally(TenantChild):
    """Kept counts of one round's answers, so that its results cost the same for
    ten or ten thousand assessments (issue 19): per tension field and perspective
    how often each value 0–100 was given for Ist and Soll, the answers and the
    comments; the row without a field counts the perspective's assessments.

    Written by `services.assessment_save` under the round's lock; built from the
    positions by `services.tallies_rebuild` when a round with assessments has none
    (rounds written before tallies existed, bulk-written data)."""

    tenant_parent = "round"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tallies")
    field = models.ForeignKey(
        TensionField,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    perspective = models.CharField(max_length=16)
    n = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    # SCALE_MAX + 1 counts each: current[v] answers placed the field at v.
    current = models.JSONField(default=list)
    target = models.JSONField(default=list)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "field", "perspective"],
                condition=Q(field__isnull=False),
                name="one_tally_per_field_and_perspective",
            ),
            models.UniqueConstraint(
                fields=["municipality", "round", "perspective"],
                condition=Q(field__isnull=True),
                name="one_assessment_tally_per_perspective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.field or '–'} – {self.perspective}"

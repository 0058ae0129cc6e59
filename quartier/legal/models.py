"""Legal pages: imprint, privacy notice and accessibility statement, plus what the
statement needs: the municipality's accessibility details and the feedback it
receives (docs/accessibility.md).

A municipality's page falls back to the operator's platform-wide default (the row
without a municipality), which falls back to the built-in template (legal/defaults.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Municipality, TenantModel
from quartier.core.sanitize import clean_html

# Anchors of the privacy notice, one per module, that forms link to ("#rooms").
ANCHORS = frozenset(
    {
        "participation",
        "forums",
        "rooms",
        "funds",
        "compass",
        "surveys",
        "accounts",
        "directory",
    }
)


class LegalPage(models.Model):
    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy notice")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Empty: the operator's default for the whole platform."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Who changed what and when: the history (history_user) and the audit log.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="legal_page_once_per_kind"
            ),
            # NULLs are distinct in a unique constraint: the operator's default
            # needs its own.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(municipality__isnull=True),
                name="legal_operator_page_once_per_kind",
            ),
        ]

    def __str__(self) -> str:
        owner = self.municipality.name if self.municipality else _("operator")
        return f"{self.get_kind_display()} ({owner})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every way in (the municipality's form, Django's admin) is sanitised here.
        self.body = clean_legal_html(self.body)
        super().save(*args, **kwargs)


def clean_legal_html(value: str) -> str:
    """The project's sanitiser, keeping only the privacy notice's known anchors."""
    return clean_html(value, anchors=ANCHORS)


class Conformity(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


DEFAULT_FEEDBACK_WEEKS = 6  # BITV practice: an answer "innerhalb von sechs Wochen"


class AccessibilitySettings(models.Model):
    """What only the municipality can say in its accessibility statement (§ 10 L-BGG
    BW / BITV 2.0): its conformity status, the date of the last review, contact,
    enforcement body, sign-language video and the answer deadline for feedback."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    conformity = models.CharField(
        _("status of conformity"),
        max_length=10,
        choices=Conformity.choices,
        blank=True,
        help_text=_("Empty: not yet assessed; the statement says so."),
    )
    reviewed_on = models.DateField(_("date of the last review"), null=True, blank=True)
    known_limitations = models.TextField(
        _("further known limitations"),
        blank=True,
        help_text=_(
            "One per line, with the alternative you offer. The limitations the "
            "platform knows itself are listed anyway."
        ),
    )
    contact = models.TextField(
        _("contact for accessibility questions"),
        blank=True,
        help_text=_("Office, postal address and phone number."),
    )
    feedback_email = models.EmailField(
        _("e-mail address for feedback"),
        blank=True,
        help_text=_(
            "Feedback is sent here. Empty: to the municipality's contact address, "
            "else to its coordination."
        ),
    )
    enforcement_body = models.TextField(
        _("enforcement body"),
        blank=True,
        help_text=_(
            "Name and address of the conciliation body of your federal state "
            "(in Baden-Württemberg: at the state commissioner for people with "
            "disabilities)."
        ),
    )
    dgs_video_url = models.URLField(
        _("video in German Sign Language"),
        blank=True,
        help_text=_("Link to a video that explains this statement in DGS."),
    )
    feedback_weeks = models.PositiveSmallIntegerField(
        _("answer deadline in weeks"),
        default=DEFAULT_FEEDBACK_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Feedback is answered within this many weeks (usually six)."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("accessibility details")
        verbose_name_plural = _("accessibility details")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def of(cls, municipality: Municipality) -> AccessibilitySettings:
        """The municipality's details; unsaved defaults when it has none yet."""
        found = cls.objects.filter(municipality=municipality).first()
        return found or cls(municipality=municipality)


def due_on(received_at: datetime.datetime, weeks: int) -> datetime.date:
    """The last day for the answer: the local day of receipt plus `weeks` weeks."""
    return timezone.localtime(received_at).date() + datetime.timedelta(weeks=weeks)


class FeedbackQuerySet(models.QuerySet["AccessibilityFeedback"]):
    def of(self, municipality: Municipality) -> FeedbackQuerySet:
        return self.filter(municipality=municipality)

    def open(self) -> FeedbackQuerySet:
        return self.filter(status=AccessibilityFeedback.Status.OPEN)

    def overdue(self, today: datetime.date | None = None) -> FeedbackQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())


class AccessibilityFeedback(TenantModel):
    """A report of an accessibility problem, by anyone, answered within the
    municipality's deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")

    page = models.CharField(_("page"), max_length=500, blank=True)
    text = models.TextField(_("what did not work"), max_length=5000)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["due_on", "received_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", answered_at__isnull=True)
                | Q(status="answered", answered_at__isnull=False),
                name="legal_feedback_answered_has_date",
            )
        ]
        indexes = [models.Index(fields=["municipality", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.page or '–'}: {self.text[:60]}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()

    @property
    def page_link(self) -> str:
        """The page as a link into this site, or "" when it is text or points
        elsewhere (the field takes whatever the person typed)."""
        page = self.page.strip()
        if page.startswith("/") and not page.startswith("//") and "\\" not in page:
            return page
        return ""

"""Legal pages: imprint, privacy notice and accessibility statement.

A municipality's page falls back to the operator's platform-wide default (the row
without a municipality), which falls back to the built-in template (legal/defaults.py).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Municipality
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

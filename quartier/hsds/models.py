"""Models of the hsds app: import jobs and the HSDS ids of organisations.

Offerings, places and terms carry their HSDS ids as primary keys in the directory
app. Actors have integer keys, so an organisation's HSDS id is either derived from
the actor (see serializers.organization_id) or, for actors created or matched by an
import, the id the imported file gave it (OrganizationLink) — so a second import of
the same file finds the same actor again.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel, TenantQuerySet


class OrganizationLink(TenantModel):
    """The HSDS organisation id an import gave to an actor."""

    actor = models.OneToOneField(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="hsds_link",
        verbose_name=_("actor"),
    )
    hsds_id = models.UUIDField(_("HSDS id"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "hsds_id"], name="hsds_organization_id_once"
            )
        ]
        verbose_name = _("HSDS organisation id")
        verbose_name_plural = _("HSDS organisation ids")

    def __str__(self) -> str:
        return str(self.hsds_id)


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing was changed")


class ImportFormat(models.TextChoices):
    JSON = "json", _("HSDS JSON")
    CSV = "csv", _("CSV template")


class ImportJob(TenantModel):
    """One import of a file (run at once when small, as a background task when large)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    format = models.CharField(_("format"), max_length=4, choices=ImportFormat.choices)
    file = models.FileField(_("file"), upload_to="hsds/imports/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ImportStatus.choices,
        default=ImportStatus.PENDING,
    )
    total = models.PositiveIntegerField(_("entries"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    # The first problems and notes ([{"row": "…", "field": "…", "message": "…"}, …],
    # at most services.MAX_ISSUES each) and how many there were in all.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("notes"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    warning_count = models.PositiveIntegerField(_("number of notes"), default=0)
    # {"services": {"created": n, "updated": n}, "organizations": …}
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("HSDS import")
        verbose_name_plural = _("HSDS imports")

    def __str__(self) -> str:
        return self.filename or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse(
            "hsds:import_job",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def summary_rows(self) -> list[tuple[str, int, int]]:
        """(label, added, updated) for the status page."""
        labels = {
            "services": _("Offerings"),
            "locations": _("Places"),
            "organizations": _("Actors"),
            "taxonomy_terms": _("Terms"),
        }
        return [
            (str(labels.get(kind, kind)), counts["created"], counts["updated"])
            for kind, counts in self.summary.items()
        ]

    @property
    def errors_not_listed(self) -> int:
        return max(0, self.error_count - len(self.errors))

    @property
    def warnings_not_listed(self) -> int:
        return max(0, self.warning_count - len(self.warnings))

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.is_finished else 0
        return min(100, round(100 * self.processed / self.total))

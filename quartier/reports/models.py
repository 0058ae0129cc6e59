"""Saved reports (docs/reports.md): the parameters, the content as it stood when
the report was generated (JSON of the sections, never recomputed), who made it,
when, and the data as of which time. Every generation is a new version; a report
for the public can be published on the municipality's page."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.report_sections import AUDIENCES, COUNCIL, FUNDER, PUBLIC
from quartier.core.tenancy import TenantChild


class Audience(models.TextChoices):
    COUNCIL = COUNCIL, AUDIENCES[0][1]
    FUNDER = FUNDER, AUDIENCES[1][1]
    PUBLIC = PUBLIC, AUDIENCES[2][1]


class ReportKind(models.TextChoices):
    REPORT = "report", _("Report")
    SACHBERICHT = "sachbericht", _("Sachbericht for a funder")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("being generated")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ReportQuerySet(TenantQuerySet):
    def published(self) -> Self:
        return self.filter(
            audience=Audience.PUBLIC,
            status=ReportStatus.DONE,
            published_at__isnull=False,
        )


class Report(TenantModel):
    kind = models.CharField(
        _("kind"), max_length=12, choices=ReportKind.choices, default=ReportKind.REPORT
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=8, choices=Audience.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    neighborhoods: models.ManyToManyField[Neighborhood, ReportNeighborhood]
    neighborhoods = models.ManyToManyField(
        Neighborhood,
        through="ReportNeighborhood",
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhoods"),
        help_text=_("None chosen: the whole municipality."),
    )
    section_keys = models.JSONField(_("sections"), default=list)
    # A Sachbericht is about one funded project or one fund.
    application = models.ForeignKey(
        "funds.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funded project"),
    )
    fund = models.ForeignKey(
        "funds.Fund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fund"),
    )
    # The free texts coordinators edit before export ({"intro": …, "done": …}).
    texts = models.JSONField(default=dict, blank=True)
    # The sections as generated: [{"key", "title", "blocks", "sources"}, …].
    content = models.JSONField(default=list, blank=True)
    data_as_of = models.DateTimeField(_("data as of"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ReportStatus.choices,
        default=ReportStatus.PENDING,
    )
    progress = models.PositiveSmallIntegerField(default=0)  # sections done
    total = models.PositiveSmallIntegerField(default=0)  # sections to do
    error = models.TextField(blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earlier version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made on"), auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            ),
            # Only a finished report for the public is ever published.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(audience=PUBLIC, status="done"),
                name="report_published_only_public_and_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    @property
    def percent(self) -> int:
        return round(100 * self.progress / self.total) if self.total else 0

    def filename(self, extension: str) -> str:
        from django.utils.text import slugify

        return f"{slugify(self.title) or 'bericht'}-v{self.version}.{extension}"


class ReportNeighborhood(TenantChild):
    """A neighbourhood a report is limited to: the rows of `Report.neighborhoods`.

    Explicit only so that the table carries the municipality key (core/tenancy.py);
    it keeps the table and the columns Django had created for the field.
    """

    tenant_parent = "report"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "reports_report_neighborhoods"
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "report", "neighborhood"],
                name="report_neighborhood_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.neighborhood_id}"

"""Clustering runs over the free text of a period and the clusters they found
(docs/topics.md).

A run stores no text: its clusters name their typical texts and members as
(kind, pk) references, resolved through the permission gate when a page shows them
(sources.py), so a text deleted or hidden since is simply not shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


OPEN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class ClusterRunQuerySet(TenantQuerySet):
    def open(self) -> ClusterRunQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class ClusterRun(TenantModel):
    """One clustering of the texts of a period (and optionally one neighbourhood)."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    # The kinds of text used (sources.SOURCES keys: contribution, story, comment).
    sources = models.JSONField(_("texts"), default=list)
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    text_count = models.PositiveIntegerField(_("texts"), default=0)
    k = models.PositiveSmallIntegerField(_("number of clusters"), null=True, blank=True)
    silhouette = models.FloatField(_("silhouette score"), null=True, blank=True)
    # The silhouette score of every k tried: {"2": 0.21, "3": 0.34, …}.
    scores = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("reason"), blank=True)
    seconds = models.FloatField(default=0)  # how long the computation took
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started on"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ClusterRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("clustering run")
        verbose_name_plural = _("clustering runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="topics_progress_at_most_100",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="topics_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start} – {self.period_end}"

    def get_absolute_url(self) -> str:
        return reverse(
            "topics:run",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_finished(self) -> bool:
        return self.status not in OPEN_STATUSES

    @property
    def source_labels(self) -> list[str]:
        from quartier.topics.sources import SOURCES

        return [str(SOURCES[key].label) for key in self.sources if key in SOURCES]


class Cluster(TenantChild):
    """A group of texts of a run: its top terms, size, typical texts and members."""

    tenant_parent = "run"

    run = models.ForeignKey(
        ClusterRun, on_delete=models.CASCADE, related_name="clusters"
    )
    position = models.PositiveSmallIntegerField()
    # The most telling words, as people wrote them (most telling first).
    terms = models.JSONField(default=list)
    size = models.PositiveIntegerField()
    # [[kind, pk], …]: the three texts closest to the centre, closest first …
    typical = models.JSONField(default=list)
    # … and every text of the cluster.
    members = models.JSONField(default=list)
    # The topic a coordinator made of this cluster ("Als Thema übernehmen").
    topic = models.ForeignKey(
        "participation.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["run", "position"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "run", "position"],
                name="topics_cluster_position_once",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The cluster's name: its three top terms."""
        return ", ".join(self.terms[:3])

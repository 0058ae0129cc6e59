"""What Quartier keeps of a council information system (OParl 1.1), and its links.

A municipality configures one `CouncilSource` (the OParl System URL). The importer
(importer.py) keeps only what a forum needs to follow its recommendations: the
OParl id (a URL) of each object, the names of bodies and organisations (public
bodies, never persons), titles, references, dates, the paper type and the
result of each agenda item. Relations between imported objects are kept as the
OParl URLs the objects name, so objects may arrive in any order and across runs.

`PaperLink` joins a forum's decision or recommendation to a council paper
(links.py registers it with core/object_links.py).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel, TenantQuerySet

URL_LENGTH = 500


class CouncilSource(TenantModel):
    """The council information system of a municipality (one per municipality)."""

    system_url = models.URLField(
        _("OParl system URL"),
        max_length=URL_LENGTH,
        help_text=_(
            "The address of the OParl “System” object of your council information "
            "system, e.g. https://ris.example.de/oparl/v1/system. Your council "
            "office or the system's vendor knows it."
        ),
    )
    timeout = models.FloatField(
        _("timeout in seconds"),
        default=10.0,
        help_text=_("How long the import waits for one answer of the council system."),
    )
    # The start of the last successful run: the next run asks only for objects
    # modified since then (OParl 1.1, "modified_since").
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("council information system")
        verbose_name_plural = _("council information systems")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="oparl_one_source_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(timeout__gt=0, timeout__lte=120),
                name="oparl_timeout_range",
            ),
        ]

    def __str__(self) -> str:
        return self.system_url


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    DONE_WITH_ERRORS = "partial", _("done, some objects skipped")
    FAILED = "failed", _("failed")


class ImportRun(TenantModel):
    """One run of `quartier oparl_import` for one municipality: what it did."""

    source = models.ForeignKey(
        CouncilSource, on_delete=models.CASCADE, related_name="runs"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    modified_since = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=8, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    new_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    # Why the run ended early (a timeout, an unreachable server), in words.
    message = models.TextField(blank=True)
    # Every object that was skipped: [{"url": …, "reason": …}].
    failures = models.JSONField(default=list, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("council import")
        verbose_name_plural = _("council imports")

    def __str__(self) -> str:
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M}"


class CouncilObject(TenantModel):
    """What every imported object has: its OParl id and dates."""

    oparl_id = models.URLField(max_length=URL_LENGTH)
    web = models.URLField(max_length=URL_LENGTH, blank=True)
    modified = models.DateTimeField(null=True, blank=True)
    deleted = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, "name", "") or self.oparl_id)


def _unique_id(name: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(
            fields=["municipality", "oparl_id"], name=f"oparl_{name}_unique_id"
        )
    ]


class CouncilBody(CouncilObject):
    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = _unique_id("body")


class CouncilOrganization(CouncilObject):
    body_url = models.URLField(max_length=URL_LENGTH, blank=True)
    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=100, blank=True)
    organization_type = models.CharField(max_length=100, blank=True)
    classification = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = _unique_id("organization")


class CouncilMeeting(CouncilObject):
    name = models.CharField(max_length=300, blank=True)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    meeting_state = models.CharField(max_length=100, blank=True)
    organization_urls = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-start", "pk"]
        constraints = _unique_id("meeting")


class CouncilAgendaItem(CouncilObject):
    meeting_url = models.URLField(max_length=URL_LENGTH, blank=True)
    number = models.CharField(max_length=50, blank=True)
    name = models.CharField(max_length=500, blank=True)
    public = models.BooleanField(default=True)
    result = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting_url", "number", "pk"]
        constraints = _unique_id("agendaitem")


class PaperQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> PaperQuerySet:
        """Papers are public; one the council system deleted stays (links to it
        keep their history) but only the coordination sees it."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        return qs.filter(deleted=False)


class CouncilPaper(CouncilObject):
    body_url = models.URLField(max_length=URL_LENGTH, blank=True)
    name = models.CharField(max_length=500, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    date = models.DateField(null=True, blank=True)
    paper_type = models.CharField(max_length=200, blank=True)

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "reference", "pk"]
        constraints = _unique_id("paper")

    def __str__(self) -> str:
        if self.reference:
            return f"{self.reference}: {self.name}"
        return self.name or self.oparl_id

    def get_absolute_url(self) -> str:
        return reverse(
            "oparl:paper",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )


class CouncilConsultation(CouncilObject):
    """A paper's consultation in a meeting (embedded in the paper in OParl)."""

    paper = models.ForeignKey(
        CouncilPaper, on_delete=models.CASCADE, related_name="consultations"
    )
    meeting_url = models.URLField(max_length=URL_LENGTH, blank=True)
    agenda_item_url = models.URLField(max_length=URL_LENGTH, blank=True)
    organization_urls = models.JSONField(default=list, blank=True)
    role = models.CharField(max_length=200, blank=True)
    authoritative = models.BooleanField(default=False)

    class Meta:
        ordering = ["paper", "pk"]
        constraints = _unique_id("consultation")


class PaperLink(TenantModel):
    """A forum's decision or recommendation ↔ the council paper that took it up."""

    paper = models.ForeignKey(
        CouncilPaper, on_delete=models.CASCADE, related_name="links"
    )
    decision = models.ForeignKey(
        "forums.Decision", on_delete=models.CASCADE, related_name="council_links"
    )
    # Who linked is in the audit log ("oparl.link_paper"), not here: a link is
    # no personal data.
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "paper", "decision"],
                name="oparl_one_link_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} → {self.paper}"

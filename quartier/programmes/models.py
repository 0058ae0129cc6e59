"""The programme library (issue 13, "Programmes and local adaptation").

A programme is an external, described way of working (a walking-group programme, a
parenting course) with elements that must stay as they are (core) and elements a
municipality may fit to its neighbourhood (adaptable). Programmes without a
municipality form the shared library that the advisers (Fachberatung) curate for
every municipality; a municipality keeps its own library and may copy a shared
programme into it (`copied_from` remembers the origin).

Programmes are not `TenantModel`s: the shared ones belong to no municipality.
Visibility is decided by rules.py, the queryset methods below mirror it for lists.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Municipality


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def shared(self) -> ProgrammeQuerySet:
        return self.filter(municipality__isnull=True)

    def visible_to(
        self, user: Any, municipality: Municipality | None
    ) -> ProgrammeQuerySet:
        """What `user` reads on `municipality`'s pages (rules.py, view_programme):
        the shared library, and the own library for its members and the advisers
        it shares with. Other municipalities' programmes never."""
        from quartier.core.predicates import can_read_internal

        if municipality is not None and can_read_internal(user, municipality):
            return self.library_of(municipality)
        return self.shared()

    def matching(
        self,
        *,
        scope: str = "",
        target_group: str = "",
        evidence: str = "",
        q: str = "",
    ) -> ProgrammeQuerySet:
        """The library's filters: own/shared, one target group (a whole line of
        the list), one evidence level, words in name, summary or source."""
        found = self
        if scope == "own":
            found = found.filter(municipality__isnull=False)
        elif scope == "shared":
            found = found.filter(municipality__isnull=True)
        if target_group:
            found = found.filter(
                Q(target_groups=target_group)
                | Q(target_groups__startswith=f"{target_group}\n")
                | Q(target_groups__endswith=f"\n{target_group}")
                | Q(target_groups__contains=f"\n{target_group}\n")
            )
        if evidence:
            found = found.filter(evidence_level=evidence)
        if q := q.strip():
            found = found.filter(
                Q(name__icontains=q) | Q(summary__icontains=q) | Q(source__icontains=q)
            )
        return found

    def library_of(self, municipality: Municipality | None) -> ProgrammeQuerySet:
        """A municipality's own programmes and the shared library (what anyone on
        its pages may read: programme descriptions are not personal data)."""
        if municipality is None:
            return self.shared()
        return self.filter(Q(municipality=municipality) | Q(municipality__isnull=True))


class Programme(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("municipality"),
        help_text=_("Empty: the shared library curated by the advisers."),
    )
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Who publishes the programme and where it is described."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("What the programme does, in plain language.")
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=300,
        blank=True,
        help_text=_(
            "As the source or a register rates it, e.g. "
            "“Effectiveness demonstrated” in a prevention register."
        ),
    )
    target_groups = models.TextField(
        _("target groups"), blank=True, help_text=_("One target group per line.")
    )
    links = models.TextField(
        _("links"), blank=True, help_text=_("One web address (https://…) per line.")
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Who changed what and when (history_user) besides the audit log.
    history = HistoricalRecords()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            # A municipality copies a shared programme once (NULLs stay distinct:
            # programmes written from scratch are not copies).
            models.UniqueConstraint(
                fields=["municipality", "copied_from"],
                name="programme_copied_once_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shared(self) -> bool:
        return self.municipality_id is None

    @property
    def target_group_list(self) -> list[str]:
        return split_lines(self.target_groups)

    @property
    def link_list(self) -> list[str]:
        return split_lines(self.links)

    def core_elements(self) -> list[ProgrammeElement]:
        return [e for e in self.elements.all() if e.kind == ProgrammeElement.Kind.CORE]

    def adaptable_elements(self) -> list[ProgrammeElement]:
        return [
            e for e in self.elements.all() if e.kind == ProgrammeElement.Kind.ADAPTABLE
        ]


class ProgrammeElement(models.Model):
    """One named element of a programme: a core element that must not change, or an
    adaptable one that a municipality may fit to its place."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core element (must not change)")
        ADAPTABLE = "adaptable", _("Adaptable element")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="elements",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "kind", "position", "pk"]
        verbose_name = _("programme element")
        verbose_name_plural = _("programme elements")

    def __str__(self) -> str:
        return self.name

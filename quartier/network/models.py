"""Network snapshots, the municipality's network setting and the relationship
survey (docs/network.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality, TenantModel, TenantQuerySet
from quartier.core.probe import value_of
from quartier.core.tenancy import TenantChild


class NetworkSetting(models.Model):
    """Whether the municipality shows its network publicly (organisations only)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="network_setting"
    )
    public_page = models.BooleanField(
        _("show the network of organisations publicly"), default=False
    )

    def __str__(self) -> str:
        return f"{self.municipality}: {self.public_page}"


def public_page_on(municipality: Any) -> bool:
    if municipality is None:
        return False
    # Asked for the home's module cards on every request: written out (core/probe.py).
    key = getattr(municipality, "pk", municipality)
    return bool(value_of(NetworkSetting, "public_page", municipality=key))


class SnapshotQuerySet(TenantQuerySet):
    def light(self) -> SnapshotQuerySet:
        """Without the node and edge lists (lists of snapshots need the measures
        only): every other column, read from the index `snapshot_list` alone."""
        return self.defer("data")


class Snapshot(TenantModel):
    """The network as it stood on `taken_on`: the sources used, the measures and
    the node and edge lists, computed once (graph.analyse) and stored."""

    taken_on = models.DateField(_("date"))
    sources = models.JSONField(_("sources"), default=list)
    measures = models.JSONField(default=dict)
    data = models.JSONField(default=dict)  # {"nodes": [...], "edges": [...]}
    automatic = models.BooleanField(_("taken automatically"), default=False)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    seconds = models.FloatField(default=0)  # how long the computation took
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "taken_on"],
                condition=models.Q(automatic=True),
                name="one_automatic_snapshot_per_day",
            )
        ]
        indexes = [
            # Every column but `data`, in list order: a town's snapshots are listed
            # (`light()`) from the index alone. On SQLite a read of a column stored
            # after `data` in the row walks the node and edge lists' overflow pages,
            # several megabytes for a large network, for each snapshot listed.
            # (PostgreSQL stores large values apart and gains little; the measures
            # are a fixed set of figures, far below its 2.7 kB per index entry.)
            models.Index(
                fields=[
                    "municipality",
                    "-taken_on",
                    "-id",
                    "automatic",
                    "taken_by",
                    "seconds",
                    "created_at",
                    "sources",
                    "measures",
                ],
                name="snapshot_list",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.taken_on}"


class SurveyRound(TenantModel):
    """A round of the relationship survey: trust and value of each tie."""

    title = models.CharField(_("title"), max_length=200)
    closes_on = models.DateField(_("answers until"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("relationship survey")
        verbose_name_plural = _("relationship surveys")

    def __str__(self) -> str:
        return self.title


class Participant(TenantChild):
    """An actor taking part in a round, and the contact its signed link goes to."""

    tenant_parent = "round"

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="participants"
    )
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("contact e-mail address"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["actor__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "actor"],
                name="network_participant_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} @ {self.round}"


SCALE = [MinValueValidator(1), MaxValueValidator(4)]
TRUST_ITEMS = ("trust_reliable", "trust_mission", "trust_open")
VALUE_ITEMS = ("value_power", "value_involvement", "value_resources")


class Answer(TenantChild):
    """One participant's view of one partner: three trust and three value items,
    each on a 1–4 scale."""

    tenant_parent = "participant"

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="answers"
    )
    partner = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+"
    )
    trust_reliable = models.PositiveSmallIntegerField(validators=SCALE)
    trust_mission = models.PositiveSmallIntegerField(validators=SCALE)
    trust_open = models.PositiveSmallIntegerField(validators=SCALE)
    value_power = models.PositiveSmallIntegerField(validators=SCALE)
    value_involvement = models.PositiveSmallIntegerField(validators=SCALE)
    value_resources = models.PositiveSmallIntegerField(validators=SCALE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "participant", "partner"],
                name="network_answer_once",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{item}__gte": 1, f"{item}__lte": 4}),
                    name=f"network_answer_{item}_1_to_4",
                )
                for item in TRUST_ITEMS + VALUE_ITEMS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.partner}"

    @property
    def trust(self) -> float:
        return sum(getattr(self, item) for item in TRUST_ITEMS) / len(TRUST_ITEMS)

    @property
    def value(self) -> float:
        return sum(getattr(self, item) for item in VALUE_ITEMS) / len(VALUE_ITEMS)

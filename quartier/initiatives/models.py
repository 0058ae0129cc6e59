"""Initiatives (Vorhaben): the unit that ties contributions, decisions, grants, rooms
and offerings together (issue 13).

An initiative runs through phases (Idee → Konzept → Erprobung → Umsetzung →
Verstetigung, or Beendet with a reason); every change is kept as a `PhaseChange`.
Each phase has a checklist copied from the municipality's defaults
(`ChecklistTemplateItem`). In Erprobung a `Pilot` carries a hypothesis; Verstetigung
is refused until a pilot has a learning result (services.phase_change).

Topics and target groups are the directory's taxonomy terms of the municipality
(one vocabulary across offerings and initiatives, HSDS-compatible); the
Dahlgren–Whitehead layers of the health-in-all-policies check are the five fixed
layers that participation uses for its analysis tag (`participation.models.Layer`).
Responsibilities use the RACI vocabulary of the decisions register
(`forums.models.RaciRole`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Municipality, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild
from quartier.forums.models import RaciRole
from quartier.participation.models import Layer

if TYPE_CHECKING:
    from quartier.core.models import Neighborhood
    from quartier.directory.models import TaxonomyTerm

__all__ = ["Layer", "RaciRole"]


class Phase(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONCEPT = "concept", _("Concept")
    PILOT = "pilot", _("Pilot phase")
    IMPLEMENTATION = "implementation", _("Implementation")
    CONSOLIDATION = "consolidation", _("Consolidation")
    ENDED = "ended", _("Ended")


# The regular course of an initiative; ENDED can follow any of them.
PHASE_ORDER = [
    Phase.IDEA,
    Phase.CONCEPT,
    Phase.PILOT,
    Phase.IMPLEMENTATION,
    Phase.CONSOLIDATION,
]


class InitiativeVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the municipality")
    INTERNAL = "internal", _("Internal (coordination and those involved)")


class PartnerRole(models.TextChoices):
    CARRIER = "carrier", _("Responsible body")
    CONTRIBUTOR = "contributor", _("Contributing")
    FUNDER = "funder", _("Funder")
    ADVICE = "advice", _("Advice")


class Reach(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("not yet clear")


REACH_QUESTIONS = (
    _("Does it reach people with little money?"),
    _("Does it reach people without German?"),
    _("Does it reach people with disabilities?"),
)


class PilotDecision(models.TextChoices):
    STOP = "stop", _("Stop")
    ADAPT = "adapt", _("Adapt (back to the concept)")
    CONSOLIDATE = "consolidate", _("Consolidate")


class InitiativeQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Municipality) -> Self:
        """Public ones for everybody; members-only ones for members; internal ones
        for the coordination and the people involved (rules.py says the same)."""
        from quartier.core.predicates import is_coordinator, is_member

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        visible = Q(visibility=InitiativeVisibility.PUBLIC)
        if is_member.test(user, municipality):
            from quartier.actors.models import Actor

            visible |= Q(visibility=InitiativeVisibility.MEMBERS)
            visible |= Q(lead_person=user)
            # Subqueries, not joins: no row twice, so no DISTINCT over the list.
            own = Actor.objects.of(municipality).filter(members=user).values("pk")
            visible |= Q(lead_actor__in=own)
            involved = InitiativePartner.objects.filter(actor__members=user).values(
                "initiative_id"
            )
            visible |= Q(pk__in=involved)
        return qs.filter(visible)

    def editable_by(self, user: Any, municipality: Municipality) -> Self:
        """The ones `user` may edit and link (rules.py `can_edit`): all for the
        coordination, else those the member leads or whose lead or partner
        organisation they belong to."""
        from quartier.core.predicates import is_coordinator, is_member

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        if not is_member.test(user, municipality):
            return qs.none()
        involved = InitiativePartner.objects.filter(actor__members=user).values(
            "initiative_id"
        )
        return qs.filter(
            Q(lead_person=user) | Q(lead_actor__members=user) | Q(pk__in=involved)
        ).distinct()


class Initiative(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("short description"),
        max_length=800,
        help_text=_("Two or three sentences in plain language: what, for whom, where."),
    )
    description = models.TextField(_("description"), blank=True)
    neighborhoods: models.ManyToManyField[Neighborhood, InitiativeNeighborhood]
    neighborhoods = models.ManyToManyField(
        "core.Neighborhood",
        through="InitiativeNeighborhood",
        blank=True,
        related_name="initiatives",
        verbose_name=_("neighbourhoods"),
    )
    lead_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_initiatives",
        verbose_name=_("lead organisation"),
    )
    lead_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_initiatives",
        verbose_name=_("lead person"),
    )
    topics: models.ManyToManyField[TaxonomyTerm, InitiativeTopic]
    topics = models.ManyToManyField(
        "directory.TaxonomyTerm",
        through="InitiativeTopic",
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy": "topic"},
        verbose_name=_("topics"),
    )
    target_groups: models.ManyToManyField[TaxonomyTerm, InitiativeTargetGroup]
    target_groups = models.ManyToManyField(
        "directory.TaxonomyTerm",
        through="InitiativeTargetGroup",
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy": "target_group"},
        verbose_name=_("target groups"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.IDEA
    )
    phase_since = models.DateField(_("in this phase since"), default=timezone.localdate)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=InitiativeVisibility.choices,
        default=InitiativeVisibility.PUBLIC,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(planned_end_on__gte=models.F("starts_on")),
                name="initiative_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "phase"]),
            # The list's order (title, id): its keyset pages read 21 rows from here.
            models.Index(
                fields=["municipality", "title", "id"], name="initiative_list_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "initiatives:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def lead_name(self) -> str:
        if self.lead_actor_id:
            return str(self.lead_actor)
        if self.lead_person_id:
            return str(self.lead_person)
        return ""

    @property
    def phase_index(self) -> int:
        try:
            return PHASE_ORDER.index(Phase(self.phase))
        except ValueError:
            return -1


# The rows of the initiative's many-to-many fields. Explicit only so that the tables
# carry the municipality key (core/tenancy.py); each keeps the table and the two
# columns Django had created for its field.


class InitiativeNeighborhood(TenantChild):
    """A neighbourhood an initiative works in: the rows of `neighborhoods`."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+"
    )
    neighborhood = models.ForeignKey(
        "core.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "initiatives_initiative_neighborhoods"
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative", "neighborhood"],
                name="initiative_neighborhood_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.neighborhood_id}"


class InitiativeTopic(TenantChild):
    """A topic (directory taxonomy term) of an initiative: the rows of `topics`."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+"
    )
    # The column Django named after the model (`taxonomyterm_id`).
    taxonomyterm = models.ForeignKey(
        "directory.TaxonomyTerm", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "initiatives_initiative_topics"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative", "taxonomyterm"],
                name="initiative_topic_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.taxonomyterm_id}"


class InitiativeTargetGroup(TenantChild):
    """A target group (directory taxonomy term) of an initiative: the rows of
    `target_groups`."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+"
    )
    taxonomyterm = models.ForeignKey(
        "directory.TaxonomyTerm", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "initiatives_initiative_target_groups"
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative", "taxonomyterm"],
                name="initiative_target_group_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.taxonomyterm_id}"


class InitiativePartner(TenantChild):
    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partnerships"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="initiative_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=PartnerRole.choices)

    class Meta:
        ordering = ["role", "actor__name", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative", "actor"],
                name="initiative_partner_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class PhaseChange(TenantChild):
    """One change of phase: dated, attributed, commented; never edited."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="phase_changes"
    )
    old_phase = models.CharField(max_length=16, choices=Phase.choices, blank=True)
    new_phase = models.CharField(max_length=16, choices=Phase.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    open_items = models.TextField(_("open checklist items"), blank=True)
    reason = models.TextField(_("reason despite open items"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_on", "created_at", "pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.old_phase} → {self.new_phase}"


class ChecklistTemplateItem(TenantModel):
    """A default checklist item of one phase; the municipality edits these, new
    phases of its initiatives start with a copy."""

    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    text = models.CharField(_("item"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["phase", "position", "pk"]
        verbose_name = _("checklist item (default)")
        verbose_name_plural = _("checklist items (defaults)")

    def __str__(self) -> str:
        return self.text


class ChecklistItem(TenantChild):
    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="checklist"
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    text = models.CharField(_("item"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["phase", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text

    @property
    def done(self) -> bool:
        return self.done_at is not None


class Pilot(TenantChild):
    """A pilot run in phase Erprobung: hypothesis, duration, what is observed, and at
    the end what was learnt and the decision."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="pilots"
    )
    hypothesis_if = models.TextField(_("If …"))
    hypothesis_then = models.TextField(_("then …"))
    measured_by = models.TextField(_("measured by …"))
    starts_on = models.DateField(_("pilot starts"))
    ends_on = models.DateField(_("pilot ends"))
    observed = models.TextField(_("what is observed"), blank=True)
    learning = models.TextField(_("what was learnt"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=12, choices=PilotDecision.choices, blank=True
    )
    changes = models.TextField(_("what changes (when adapting)"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="pilot_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.hypothesis_if[:60]}"

    @property
    def has_learning(self) -> bool:
        return bool(self.learning.strip())

    @property
    def is_concluded(self) -> bool:
        return self.has_learning and bool(self.decision)


class Responsibility(TenantChild):
    """Who is responsible, accountable, consulted or informed (the decisions
    register's RACI vocabulary): an organisation or a person."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="responsibilities"
    )
    role = models.CharField(_("role"), max_length=1, choices=RaciRole.choices)
    task = models.CharField(_("for what"), max_length=200, blank=True)
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_responsibilities",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_responsibilities",
        verbose_name=_("person"),
    )

    class Meta:
        ordering = ["initiative", "role", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | Q(user__isnull=False),
                name="initiative_responsibility_names_someone",
            )
        ]

    def __str__(self) -> str:
        who = self.actor or self.user or ""
        return f"{self.get_role_display()}: {who}"


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def open(self) -> Self:
        return self.filter(done_at__isnull=True)


class FollowUp(TenantChild):
    """A Wiedervorlage: on this date, look at this again (shown in the overview)."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("what to look at"), max_length=300)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_follow_ups",
        verbose_name=_("who"),
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.note


class InitiativeLink(TenantChild):
    """A link from an initiative to an object of another module. `kind` is a key of
    the link registry (core/object_links.py, links.py), so any module joins by
    registering a kind; the target is found by the kind's model and `object_id`."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="links"
    )
    kind = models.CharField(max_length=80)
    # Text, so that objects with integer and with UUID keys (offerings) fit alike.
    object_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative", "kind", "object_id"],
                name="initiative_link_once",
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.kind}:{self.object_id}"


class Follow(TenantChild):
    """A person follows an initiative: they hear of its phase changes by e-mail."""

    tenant_parent = "initiative"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_initiatives",
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user", "initiative"],
                name="follow_initiative_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.initiative_id}"


class HealthCheck(TenantChild):
    """The health-in-all-policies check of one initiative."""

    tenant_parent = "initiative"

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="health_check"
    )
    layers = models.JSONField(_("determinants of health touched"), default=list)
    benefits = models.TextField(_("who benefits"), blank=True)
    left_out = models.TextField(_("who might be left out or burdened"), blank=True)
    reaches_low_income = models.CharField(
        REACH_QUESTIONS[0],
        max_length=8,
        choices=Reach.choices,
        default=Reach.UNKNOWN,
    )
    reaches_without_german = models.CharField(
        REACH_QUESTIONS[1],
        max_length=8,
        choices=Reach.choices,
        default=Reach.UNKNOWN,
    )
    reaches_disabled = models.CharField(
        REACH_QUESTIONS[2],
        max_length=8,
        choices=Reach.choices,
        default=Reach.UNKNOWN,
    )
    equity_notes = models.TextField(_("notes on fairness"), blank=True)
    departments = models.TextField(_("other departments concerned"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("health-in-all-policies check")
        verbose_name_plural = _("health-in-all-policies checks")

    def __str__(self) -> str:
        return str(self.initiative)

    @property
    def layer_labels(self) -> list[str]:
        return [str(Layer(v).label) for v in sorted(self.layers) if v in Layer.values]

    def reach_rows(self) -> list[tuple[Any, str, str]]:
        """(question, answer, answer in words) of the three equity questions."""
        return [
            (question, value, str(Reach(value).label))
            for question, value in (
                (REACH_QUESTIONS[0], self.reaches_low_income),
                (REACH_QUESTIONS[1], self.reaches_without_german),
                (REACH_QUESTIONS[2], self.reaches_disabled),
            )
        ]


class Adaptation(TenantChild):
    """The local adaptation of a programme (issue 13, R3): what the needs analysis
    found here, and for each element of the programme how it looks locally."""

    tenant_parent = "initiative"

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="adaptation"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="adaptations",
        verbose_name=_("programme"),
    )
    needs_analysis = models.TextField(
        _("needs analysis"),
        blank=True,
        help_text=_(
            "What was found in the neighbourhood: contributions, compass results, "
            "gaps in the directory. Link those objects to the initiative as well."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("local adaptation")
        verbose_name_plural = _("local adaptations")

    def __str__(self) -> str:
        return f"{self.programme} → {self.initiative}"


class ElementFit(TenantChild):
    """How one element of the programme is carried out here."""

    tenant_parent = "adaptation"

    adaptation = models.ForeignKey(
        Adaptation, on_delete=models.CASCADE, related_name="fits"
    )
    element = models.ForeignKey(
        "programmes.ProgrammeElement",
        on_delete=models.CASCADE,
        related_name="+",
    )
    kept = models.BooleanField(_("kept as described"), default=True)
    local_version = models.TextField(_("how it is done here"), blank=True)
    why = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["element__kind", "element__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "adaptation", "element"],
                name="element_fit_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.element)

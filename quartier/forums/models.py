"""Aushandlungsräume: forums, their members and meetings, agenda items, registrations,
attendance, and the decisions register with responsibilities (RACI)."""

from __future__ import annotations

import uuid
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.actors.models import Actor
from quartier.core.dates import check_date
from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


def person_or_actor(scope: str, label: str, unique: str) -> list[Any]:
    """Constraints of a row that names a person or an actor (exactly one), at most
    once per `scope` (forum members, attendance)."""
    return [
        models.CheckConstraint(
            condition=Q(user__isnull=False, actor__isnull=True)
            | Q(user__isnull=True, actor__isnull=False),
            name=f"{label}_is_person_or_actor",
        ),
        *(
            models.UniqueConstraint(
                fields=["municipality", scope, who],
                condition=Q(**{f"{who}__isnull": False}),
                name=f"{unique}_{who}",
            )
            for who in ("user", "actor")
        ),
    ]


class ForumKind(models.TextChoices):
    NEIGHBORHOOD_FORUM = "neighborhood_forum", _("Neighbourhood forum")
    HEALTH_CONFERENCE = "health_conference", _("Health conference")
    STEERING_GROUP = "steering_group", _("Steering group")
    WORKING_GROUP = "working_group", _("Working group")
    LEARNING_WORKSHOP = "learning_workshop", _("Learning workshop")
    PEER_CONSULTATION = "peer_consultation", _("Peer consultation")


class Mandate(models.TextChoices):
    ADVISORY = "advisory", _("advisory")
    RECOMMENDING = "recommending", _("recommending")
    DECIDING = "deciding", _("deciding")


class ParticipationStage(models.IntegerChoices):
    """The nine stages of participation (Wright, Block, von Unger), in plain words."""

    INSTRUMENTALISATION = 1, _("1 – Instrumentalisation: residents are used, not asked")
    INSTRUCTION = 2, _("2 – Instruction: residents are told what has been decided")
    INFORMATION = 3, _("3 – Information: residents are informed and advised")
    CONSULTATION = 4, _("4 – Consultation: residents are asked for their opinion")
    INVOLVEMENT = 5, _("5 – Involvement: residents' views are weighed in the decision")
    CO_DETERMINATION = (
        6,
        _("6 – Co-determination: residents decide together with others"),
    )
    PARTIAL_AUTHORITY = (
        7,
        _("7 – Partial authority: residents decide some matters alone"),
    )
    AUTHORITY = 8, _("8 – Decision-making authority: residents decide, others support")
    SELF_ORGANISATION = 9, _("9 – Self-organisation: residents run it themselves")


class ForumVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class MemberMeetings(models.TextChoices):
    """What happens to a meeting a member of the forum calls (co-creation rights)."""

    PUBLISH = "publish", _("publish at once")
    APPROVE = "approve", _("after approval by the moderation")


class ForumQuerySet(TenantQuerySet):
    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)

    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Public forums for everyone; members-only forums for their members and the
        municipality's coordinators and admins."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        public = Q(visibility=ForumVisibility.PUBLIC)
        if getattr(user, "is_authenticated", False):
            # Members in person, or through an actor they act for (as in rules.py).
            return qs.filter(
                public | Q(members__user=user) | Q(members__actor__members=user)
            ).distinct()
        return qs.filter(public)


class Forum(TenantModel):
    kind = models.CharField(_("kind"), max_length=24, choices=ForumKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the URL"), max_length=80)
    neighborhoods = models.ManyToManyField(  # type: ignore[var-annotated]
        Neighborhood,
        through="ForumNeighborhood",
        verbose_name=_("neighbourhoods"),
        related_name="forums",
        blank=True,
    )
    purpose = models.TextField(_("purpose"), blank=True)
    mandate = models.CharField(
        _("mandate"), max_length=12, choices=Mandate.choices, default=Mandate.ADVISORY
    )
    mandate_scope = models.CharField(
        _("mandate over what"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “the rules of the neighbourhood fund”."),
    )
    recommends_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommended_by",
        verbose_name=_("recommends to (forum)"),
    )
    recommends_to_body = models.CharField(
        _("recommends to (outside body)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Gemeinderat” or “Kommunale Gesundheitskonferenz”."),
    )
    participation_stage = models.PositiveSmallIntegerField(
        _("stage of participation for residents"),
        choices=ParticipationStage.choices,
        default=ParticipationStage.CONSULTATION,
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=ForumVisibility.choices,
        default=ForumVisibility.PUBLIC,
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    member_meetings = models.CharField(
        _("meetings called by members"),
        max_length=8,
        choices=MemberMeetings.choices,
        default=MemberMeetings.APPROVE,
        help_text=_(
            "Members of the forum may propose meetings with an agenda. Are they "
            "published at once, or after the moderation approved them?"
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="forum_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(participation_stage__gte=1, participation_stage__lte=9),
                name="forum_participation_stage_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "forums:detail",
            kwargs={"municipality_slug": self.municipality.slug, "slug": self.slug},
        )


class ForumNeighborhood(TenantChild):
    """A neighbourhood a forum works for: the rows of `Forum.neighborhoods`.

    Explicit only so that the table carries the municipality key (core/tenancy.py);
    it keeps the table and the columns Django had created for the field.
    """

    tenant_parent = "forum"

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "forums_forum_neighborhoods"
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "forum", "neighborhood"],
                name="forum_neighborhood_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.forum_id} → {self.neighborhood_id}"


class ForumRole(models.TextChoices):
    MODERATION = "moderation", _("Moderation")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


class ForumMember(TenantChild):
    """A person or an actor in a forum, with a role there."""

    tenant_parent = "forum"

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="forum_memberships",
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="forum_memberships",
    )
    role = models.CharField(
        _("role in the forum"), max_length=12, choices=ForumRole.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        constraints = person_or_actor(
            "forum", "forum_member", "one_membership_per_forum"
        )

    def __str__(self) -> str:
        return f"{self.user or self.actor} ({self.get_role_display()})"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")
    HELD = "held", _("held")
    # Called by a member, waiting for the moderation's approval, or declined by it:
    # seen only by the proposer and whoever runs the forum.
    PROPOSED = "proposed", _("proposed")
    DECLINED = "declined", _("declined")


UNLISTED_MEETING_STATUSES = (MeetingStatus.PROPOSED, MeetingStatus.DECLINED)


def moderated_forums(user: Any) -> Any:
    """Ids of the forums `user` moderates, in person or through an actor (a subquery)."""
    return (
        ForumMember.objects.filter(role=ForumRole.MODERATION)
        .filter(Q(user=user) | Q(actor__members=user))
        .values("forum_id")
    )


class MeetingQuerySet(TenantQuerySet):
    def upcoming(self) -> Self:
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def listed(self) -> Self:
        """Meetings everyone who may see the forum sees: not a proposal waiting for
        approval, not a declined one (calendar feeds, public lists)."""
        return self.exclude(status__in=UNLISTED_MEETING_STATUSES)

    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Meetings of the forums `user` may see; proposed and declined ones only for
        their proposer, the forum's moderation and the coordination (as in
        rules.py's `sees_meeting`)."""
        from quartier.core.predicates import is_coordinator

        forums = Forum.objects.visible_to(user, municipality)
        qs = self.of(municipality).filter(forum__in=forums)
        if is_coordinator.test(user, municipality):
            return qs
        shown = ~Q(status__in=UNLISTED_MEETING_STATUSES)
        if getattr(user, "is_authenticated", False):
            shown |= Q(proposed_by=user) | Q(forum__in=moderated_forums(user))
        return qs.filter(shown)


class Meeting(TenantModel):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="meetings")
    # Stable across edits: the UID of the meeting's calendar entries.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    address = models.CharField(_("place (address)"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )
    agenda_published_at = models.DateTimeField(
        _("agenda published"), null=True, blank=True
    )
    minutes_published_at = models.DateTimeField(
        _("minutes published"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: no registration limit."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # A meeting a member called (MemberMeetings): who proposed it, and why the
    # moderation declined it.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_meetings",
        verbose_name=_("proposed by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["municipality", "uid"], name="meeting_uid_once"
            ),
        ]
        indexes = [
            # A forum's page lists its meetings a page at a time in time order
            # (views/forums.py): read from this index, not sorted per request.
            models.Index(
                fields=["municipality", "forum", "starts_at", "id"],
                name="meeting_forum_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def dated_title(self) -> str:
        """ "Forum, date: title" – how a meeting is named where it is linked."""
        day = formats.date_format(
            timezone.localtime(self.starts_at), "SHORT_DATE_FORMAT"
        )
        return f"{self.forum.name}, {day}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forums:meeting",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_listed(self) -> bool:
        return self.status not in UNLISTED_MEETING_STATUSES


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")


class AgendaItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class AgendaItem(TenantModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=AgendaItemKind.choices,
        default=AgendaItemKind.DISCUSSION,
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_agenda_items",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgendaItemStatus.choices,
        default=AgendaItemStatus.ACCEPTED,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    # Sanitised rich text (core.sanitize.clean_html), published with the meeting's minutes.
    minutes = models.TextField(_("minutes"), blank=True)
    planned_minutes = models.PositiveSmallIntegerField(
        _("planned duration (minutes)"), null=True, blank=True
    )
    # Set when the item was put on the agenda to follow up a due decision.
    follow_up_of = models.ForeignKey(
        "Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_items",
        verbose_name=_("follow-up of decision"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Need(models.TextChoices):
    STEP_FREE = "step_free", _("Barrier-free access")
    SIGN_LANGUAGE = "sign_language", _("Sign language interpretation")
    SPOKEN_LANGUAGE = "spoken_language", _("Spoken-language interpretation")
    CHILDCARE = "childcare", _("Childcare")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    # A guest's registration before the e-mail address is confirmed: holds no place
    # and is deleted after a while (forums/retention.py).
    PENDING = "pending", _("e-mail address not yet confirmed")


class Registration(TenantModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations"
    )
    # A member of the municipality, or a guest without an account (name and
    # e-mail address, double opt-in): exactly one of the two.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_registrations",
    )
    guest_name = models.CharField(_("your name"), max_length=120, blank=True)
    guest_email = models.EmailField(_("your e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices
    )
    # A list of Need values (JSON, so SQLite and PostgreSQL store it alike).
    needs = models.JSONField(_("needs"), default=list, blank=True)
    language = models.CharField(
        _("interpretation into which language"), max_length=100, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "meeting", "user"],
                name="one_registration_per_person",
            ),
            # Addresses are stored in lower case (services), so this is per address.
            models.UniqueConstraint(
                fields=["municipality", "meeting", "guest_email"],
                condition=~Q(guest_email=""),
                name="one_registration_per_guest_email",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, guest_email="")
                | (Q(user__isnull=True) & ~Q(guest_email="")),
                name="registration_is_member_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} – {self.meeting}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def person_name(self) -> str:
        return self.user.public_name if self.user is not None else self.guest_name

    @property
    def email(self) -> str:
        return self.user.email if self.user is not None else self.guest_email


class Attendance(TenantModel):
    """Who took part in a meeting: a person or an actor (for the network analysis)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendances",
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = person_or_actor(
            "meeting", "attendance", "one_attendance_per_meeting"
        )

    def __str__(self) -> str:
        return f"{self.user or self.actor} @ {self.meeting}"


class DecisionKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    RECOMMENDATION = "recommendation", _("Recommendation")
    AGREEMENT = "agreement", _("Agreement")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    POSTPONED = "postponed", _("postponed")
    REJECTED = "rejected", _("rejected")


OPEN_STATUSES = (
    DecisionStatus.OPEN,
    DecisionStatus.IN_PROGRESS,
    DecisionStatus.POSTPONED,
)


class DecisionQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Decisions of members-only forums are visible to their members only."""
        forums = Forum.objects.visible_to(user, municipality)
        return self.of(municipality).filter(forum__in=forums)

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: Any = None) -> Self:
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due(self, today: Any = None) -> Self:
        """Open decisions whose due date has come (today or earlier)."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lte=today)


class Decision(TenantModel):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Running number per municipality, e.g. 2026-14.")
    )
    text = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=DecisionKind.choices,
        default=DecisionKind.RESOLUTION,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DecisionStatus.choices,
        default=DecisionStatus.OPEN,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"],
                name="decision_number_per_municipality",
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "due_date"]),
            # The register's order (views/decisions.py REGISTER_ORDER, read
            # backwards): a page, first or 500th, reads its 21 rows from the index
            # instead of sorting the municipality's decisions.
            models.Index(
                fields=["municipality", "decided_on", "number", "id"],
                name="decision_register_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.text[:60]}"

    def clean(self) -> None:
        """A decision is dated on the day it was taken (not in the future), and
        falls due on or after that day; both inside core/dates.py's bounds."""
        errors: dict[str, Any] = {}
        for name in ("decided_on", "due_date"):
            value = getattr(self, name)
            if value is not None:
                try:
                    check_date(value)
                except ValidationError as exc:
                    errors[name] = exc.messages
        if "decided_on" not in errors and self.decided_on:
            if self.decided_on > timezone.localdate():
                errors["decided_on"] = _("A decision cannot be dated in the future.")
            elif (
                "due_date" not in errors
                and self.due_date
                and self.due_date < self.decided_on
            ):
                errors["due_date"] = _(
                    "The due date cannot lie before the day of the decision."
                )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse(
            "forums:decision",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date
            and self.status in OPEN_STATUSES
            and self.due_date < timezone.localdate()
        )


class DecisionStatusChange(TenantChild):
    """Every change of a decision's status: dated, attributed and commented."""

    tenant_parent = "decision"

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(
        max_length=12, choices=DecisionStatus.choices, blank=True
    )
    new_status = models.CharField(max_length=12, choices=DecisionStatus.choices)
    comment = models.TextField(_("comment"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="decision_status_changes",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.old_status} → {self.new_status}"


class RaciRole(models.TextChoices):
    RESPONSIBLE = "R", _("responsible")
    ACCOUNTABLE = "A", _("accountable")
    CONSULTED = "C", _("consulted")
    INFORMED = "I", _("informed")


class Responsibility(TenantChild):
    """Who is responsible, accountable, consulted or informed: an actor or a person."""

    tenant_parent = "decision"

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="responsibilities"
    )
    role = models.CharField(_("role"), max_length=1, choices=RaciRole.choices)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibilities",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsibilities",
    )

    class Meta:
        ordering = ["decision", "role", "id"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | Q(user__isnull=False),
                name="responsibility_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.actor or self.user}"


class NotificationFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately")
    WEEKLY = "weekly", _("weekly digest")
    NEVER = "never", _("never")


class NotificationPreference(TenantChild):
    """How a person wants to hear of a forum's events."""

    tenant_parent = "forum"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_notification_preferences",
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    frequency = models.CharField(
        _("notifications"),
        max_length=12,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATELY,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user", "forum"],
                name="one_preference_per_forum",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.forum}: {self.frequency}"


class PendingNotification(TenantChild):
    """An event waiting for the weekly digest of one person."""

    tenant_parent = "forum"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_forum_notifications",
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="pending_notifications"
    )
    event = models.CharField(max_length=40)
    # What happened, as the sender's sentence in German (also for rows queued
    # before `message` existed); the digest renders `message` % `params` in the
    # recipient's language instead (forums/services/notifications.py, Sentence).
    text = models.CharField(max_length=500)
    message = models.CharField(max_length=300, blank=True, db_default="")
    params = models.JSONField(null=True, blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "created_at"]

    def __str__(self) -> str:
        return self.text

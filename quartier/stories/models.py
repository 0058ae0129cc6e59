"""Models of the stories app: stories residents tell about health in their
neighbourhood (with or without an account, moderated like contributions), and the
Most Significant Change rounds in which a panel picks the most significant story
per domain of change (docs/stories.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild
from quartier.participation.models import ADDRESS_REPORT_WEIGHT, Moderation

if TYPE_CHECKING:
    from quartier.forums.models import Meeting
    from quartier.initiatives.models import Initiative

__all__ = ["Moderation"]

CONSENT_PURPOSE = _(
    "I agree that this story is published on this website and may be read aloud "
    "and discussed in the neighbourhood's panels, so that others can learn from it. "
    "My e-mail address is never shown."
)


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")
    CONVERSATION = "conversation", _("in a conversation")


class Teller(models.TextChoices):
    PERSON = "person", _("a person")
    ACTOR = "actor", _("an organisation")
    ANONYMOUS = "anonymous", _("anonymous")


class StoryQuerySet(TenantQuerySet):
    def public(self) -> Self:
        """Approved, consented to and not hidden by reports: what everybody sees."""
        return self.filter(
            moderation=Moderation.APPROVED, is_hidden=False, consent_at__isnull=False
        )

    def visible_to(self, user: Any, municipality: Municipality) -> Self:
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        visible = Q(
            moderation=Moderation.APPROVED, is_hidden=False, consent_at__isnull=False
        )
        if getattr(user, "is_authenticated", False):
            visible |= Q(author=user)
        return qs.filter(visible)


class Story(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("story"))
    neighborhood = models.ForeignKey(
        "core.Neighborhood",
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("neighbourhood"),
    )
    photo = models.ImageField(_("photo"), upload_to="stories/%Y/%m/", blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    teller = models.CharField(
        _("who tells it"), max_length=10, choices=Teller.choices, default=Teller.PERSON
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("author"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("organisation"),
    )
    author_name = models.CharField(_("name"), max_length=120, blank=True)
    author_email = models.EmailField(_("e-mail address"), blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entered_stories",
        verbose_name=_("entered by"),
    )
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.ONLINE
    )
    consent_at = models.DateTimeField(
        _("consent to publish given on"), null=True, blank=True
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.PENDING,
    )
    is_hidden = models.BooleanField(_("hidden after reports"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    initiatives: models.ManyToManyField[Initiative, StoryInitiative]
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        through="StoryInitiative",
        blank=True,
        related_name="stories",
        verbose_name=_("initiatives"),
    )
    meetings: models.ManyToManyField[Meeting, StoryMeeting]
    meetings = models.ManyToManyField(
        "forums.Meeting",
        through="StoryMeeting",
        blank=True,
        related_name="stories",
        verbose_name=_("meetings"),
    )
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["municipality", "moderation", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(moderation="approved") | Q(consent_at__isnull=False),
                name="story_published_only_with_consent",
            ),
            models.CheckConstraint(
                condition=~Q(teller="actor") | Q(actor__isnull=False),
                name="story_actor_teller_names_actor",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "stories:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_public(self) -> bool:
        return (
            self.moderation == Moderation.APPROVED
            and not self.is_hidden
            and self.consent_at is not None
        )

    @property
    def notify_address(self) -> str:
        """Where the feedback goes: the account, or a confirmed e-mail address."""
        author = self.author
        if author is not None and author.email:
            return author.email
        if self.author_email and self.email_confirmed_at:
            return self.author_email
        return ""

    @property
    def display_teller(self) -> str:
        if self.teller == Teller.ANONYMOUS:
            return str(_("anonymous"))
        if self.teller == Teller.ACTOR and self.actor is not None:
            return self.actor.name
        if self.author is not None:
            return self.author.public_name
        return self.author_name or str(_("anonymous"))


class StoryInitiative(TenantChild):
    """An initiative a story is linked to: the rows of `Story.initiatives`.

    Explicit only so that the table carries the municipality key (core/tenancy.py);
    it keeps the table and the columns Django had created for the field.
    """

    tenant_parent = "story"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "stories_story_initiatives"
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "story", "initiative"],
                name="story_initiative_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.story_id} → {self.initiative_id}"


class StoryMeeting(TenantChild):
    """A meeting a story is linked to: the rows of `Story.meetings` (explicit for
    the municipality key, on the table Django had created)."""

    tenant_parent = "story"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        "forums.Meeting", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "stories_story_meetings"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "story", "meeting"],
                name="story_meeting_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.story_id} → {self.meeting_id}"


class StoryReport(TenantChild):
    """A report of a story: one per account or per address; weighted like the
    reports of contributions (participation.models.report_weight)."""

    tenant_parent = "story"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="story_reports",
    )
    reporter_key = models.CharField(max_length=64, blank=True)
    address_key = models.CharField(max_length=64, blank=True)
    weight = models.PositiveSmallIntegerField(default=ADDRESS_REPORT_WEIGHT)
    reason = models.TextField(_("reason"), blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "story", "reporter"],
                condition=Q(reporter__isnull=False),
                name="story_report_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["municipality", "story", "reporter_key"],
                condition=~Q(reporter_key=""),
                name="story_report_once_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"


# --- Most Significant Change ----------------------------------------------------


class RoundQuerySet(TenantQuerySet):
    pass


class Round(TenantModel):
    """A Most Significant Change round: a panel (the members of a forum) picks the
    most significant story per domain among the candidates of a period."""

    title = models.CharField(_("title"), max_length=200)
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.PROTECT,
        related_name="msc_rounds",
        verbose_name=_("panel (members of this forum)"),
    )
    neighborhood = models.ForeignKey(
        "core.Neighborhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="msc_rounds",
        verbose_name=_("neighbourhood"),
        help_text=_("Empty: stories of the whole municipality."),
    )
    starts_on = models.DateField(_("stories from"))
    ends_on = models.DateField(_("stories until"))
    feeds = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feeders",
        verbose_name=_("feeds the higher-level round"),
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-ends_on", "-id"]
        verbose_name = _("Most Significant Change round")
        verbose_name_plural = _("Most Significant Change rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="msc_round_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "stories:round",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Domain(TenantChild):
    """A domain of change of a round, e.g. "Beziehungen im Quartier"."""

    tenant_parent = "round"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(_("domain of change"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("domain of change")
        verbose_name_plural = _("domains of change")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "round", "name"],
                name="msc_domain_name_once_per_round",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Pick(TenantChild):
    """One panel member's most significant story of a domain, with the reason."""

    tenant_parent = "domain"

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="picks")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="msc_picks"
    )
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="picks")
    reason = models.TextField(_("why this story"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pick")
        verbose_name_plural = _("picks")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "domain", "member"],
                name="msc_one_pick_per_member_and_domain",
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.story_id}"


class Selection(TenantChild):
    """The story a closed round selected for a domain (most picks; a tie is broken
    by the coordinator, with a reason)."""

    tenant_parent = "domain"

    domain = models.OneToOneField(
        Domain, on_delete=models.CASCADE, related_name="selection"
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="selections"
    )
    picks = models.PositiveSmallIntegerField(_("picks"))
    tie_reason = models.TextField(_("why the coordination chose it"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")

    def __str__(self) -> str:
        return f"{self.domain}: {self.story}"

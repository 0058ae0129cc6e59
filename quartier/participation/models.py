"""Models of the participation app: contributions from residents (with or without an
account), their topics, support, comments, reports, status log and public answers."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild

# Reports hide a contribution or comment until a coordinator decides once their
# distinct sources weigh this much (docs/security.md, "Moderation"): one signed-in
# account (its e-mail address is confirmed) weighs ACCOUNT_REPORT_WEIGHT, one
# anonymous address ADDRESS_REPORT_WEIGHT; reports from one address count once, with
# the weight of the heaviest. So one address with two accounts cannot hide anything.
REPORT_WEIGHT_TO_HIDE = 6
ACCOUNT_REPORT_WEIGHT = 2
ADDRESS_REPORT_WEIGHT = 1


class Kind(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONCERN = "concern", _("Concern")
    QUESTION = "question", _("Question")
    EXPERIENCE = "experience", _("Experience")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_REVIEW = "in_review", _("in review")
    TAKEN_UP = "taken_up", _("taken up")
    IMPLEMENTED = "implemented", _("implemented")
    NOT_FEASIBLE = "not_feasible", _("not feasible")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")
    PHONE = "phone", _("by phone")
    IN_PERSON = "in_person", _("in person")


class Language(models.TextChoices):
    DE = "de", _("German")
    EN = "en", _("English")
    TR = "tr", _("Turkish")
    AR = "ar", _("Arabic")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")
    RO = "ro", _("Romanian")
    KU = "ku", _("Kurdish")
    FA = "fa", _("Persian")
    IT = "it", _("Italian")
    EL = "el", _("Greek")
    HR = "hr", _("Croatian")
    BG = "bg", _("Bulgarian")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    OTHER = "other", _("another language")


class Moderation(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Layer(models.IntegerChoices):
    """The five layers of the Dahlgren–Whitehead model of the determinants of health."""

    INDIVIDUAL = 1, _("Age, sex and hereditary factors")
    LIFESTYLE = 2, _("Individual lifestyle")
    NETWORKS = 3, _("Social and community networks")
    CONDITIONS = 4, _("Living and working conditions")
    SOCIOECONOMIC = (
        5,
        _("General socio-economic, cultural and environmental conditions"),
    )


LAYER_SLUGS = {
    Layer.INDIVIDUAL: "individual",
    Layer.LIFESTYLE: "lifestyle",
    Layer.NETWORKS: "networks",
    Layer.CONDITIONS: "living-conditions",
    Layer.SOCIOECONOMIC: "socio-economic",
}


class TopicQuerySet(TenantQuerySet):
    def plain(self) -> Self:
        """The municipality's own topics: what residents choose from."""
        return self.filter(layer__isnull=True)

    def layers(self) -> Self:
        """The five Dahlgren–Whitehead layers: the coordination's analysis tag."""
        return self.filter(layer__isnull=False)


class Topic(TenantModel):
    """A topic of contributions: one of the five layers, or a municipality's own tag."""

    layer = models.PositiveSmallIntegerField(
        _("layer of the Dahlgren–Whitehead model"),
        choices=Layer.choices,
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    slug = models.SlugField(_("address in the URL"), max_length=60)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["layer", "name", "id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="topic_slug_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "layer"],
                condition=Q(layer__isnull=False),
                name="topic_layer_once_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        if self.layer:
            return str(Layer(self.layer).label)
        return self.name


def create_layer_topics(municipality: Municipality) -> None:
    """The five Dahlgren–Whitehead layers exist as topics in every municipality."""
    for layer, slug in LAYER_SLUGS.items():
        Topic.objects.get_or_create(
            municipality=municipality, layer=layer, defaults={"slug": slug}
        )


class ContributionQuerySet(TenantQuerySet):
    def public(self) -> Self:
        """Approved and not hidden by reports: what everybody sees."""
        return self.filter(moderation=Moderation.APPROVED, is_hidden=False)

    def visible_to(self, user: Any, municipality: Municipality) -> Self:
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        visible = Q(moderation=Moderation.APPROVED, is_hidden=False)
        if getattr(user, "is_authenticated", False):
            visible |= Q(author=user)
        return qs.filter(visible)


class Contribution(TenantModel):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    neighborhood = models.ForeignKey(
        "core.Neighborhood",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("neighbourhood"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="participation/%Y/%m/", blank=True)
    topics = models.ManyToManyField(  # type: ignore[var-annotated]
        Topic,
        blank=True,
        related_name="contributions",
        verbose_name=_("topics"),
        through="ContributionTopic",
    )
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=Language.choices,
        default=Language.DE,
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("name"), max_length=120, blank=True)
    author_email = models.EmailField(_("e-mail address"), blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entered_contributions",
        verbose_name=_("entered by"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.APPROVED,
    )
    is_hidden = models.BooleanField(_("hidden after reports"), default=False)
    # Set when a coordinator has looked at the reports and keeps it: further reports
    # notify the coordination instead of hiding it.
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        "forums.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("agenda item"),
    )
    decision = models.ForeignKey(
        "forums.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("decision"),
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Stored counters (participation/counters.py): recounted in the transaction of
    # every write of a support or comment; `quartier check_counters` finds drift.
    support_count = models.PositiveIntegerField(
        _("supports"), default=0, db_default=0, editable=False
    )
    comment_count = models.PositiveIntegerField(
        _("comments"), default=0, db_default=0, editable=False
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            # The public list: approved, newest first ("is_hidden = false" is
            # checked on the rows the index yields, it cannot be an index prefix).
            models.Index(fields=["municipality", "moderation", "created_at"]),
            models.Index(fields=["municipality", "answered_at"]),
            # "Most supported" (views/public.py ORDERS) in list order after the
            # equality filters, so the database stops after one page instead of
            # sorting every contribution; `is_hidden` is checked on the rows it
            # yields (Django writes `NOT is_hidden`, which cannot be an index prefix).
            models.Index(
                fields=[
                    "municipality",
                    "moderation",
                    "-support_count",
                    "-created_at",
                    "-id",
                ],
                name="contribution_public_supported",
            ),
            # The filtered list (views/public._filtered) newest first: kind and
            # status as equality filters in front of the list order, so the count
            # (up to 1,001 rows) and the page read only matching rows. Without them
            # a rare combination scanned most of the municipality's rows
            # (kind + status: 78 -> 0.9 ms in SQLite, 100,000 contributions).
            models.Index(
                fields=[
                    "municipality",
                    "moderation",
                    "kind",
                    "status",
                    "-created_at",
                    "-id",
                ],
                name="contribution_public_kind",
            ),
            models.Index(
                fields=["municipality", "moderation", "status", "-created_at", "-id"],
                name="contribution_public_status",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(latitude__isnull=True, longitude__isnull=True)
                    | Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="contribution_point_complete",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "participation:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_public(self) -> bool:
        return self.moderation == Moderation.APPROVED and not self.is_hidden

    @property
    def notify_address(self) -> str:
        """Where status mails go: the account, or a confirmed e-mail address."""
        author = self.author
        if author is not None and author.email:
            return author.email
        if self.author_email and self.email_confirmed_at:
            return self.author_email
        return ""

    @property
    def display_author(self) -> str:
        author = self.author
        if author is not None:
            return author.public_name
        return self.author_name


class ContributionTopic(TenantChild):
    """A topic of a contribution: the rows of `Contribution.topics`, with the
    municipality key (core/tenancy.py). The table is the one Django created for the
    many-to-many field (migration 0009 keeps it and its rows)."""

    tenant_parent = "contribution"

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)

    class Meta:
        db_table = "participation_contribution_topics"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "contribution", "topic"],
                name="contribution_topic_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.topic_id}"


class StatusChange(TenantChild):
    tenant_parent = "contribution"

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution_status_changes",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.old_status} → {self.new_status}"


class Response(TenantChild):
    """A public answer (Rückmeldung) of a coordinator; sanitised rich text."""

    tenant_parent = "contribution"

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="responses"
    )
    text = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution_responses",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text[:60]


class Support(TenantChild):
    """One support ("Unterstützen") per account or per confirmed e-mail address."""

    tenant_parent = "contribution"

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contribution_supports",
    )
    email = models.EmailField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "contribution", "user"],
                condition=Q(user__isnull=False),
                name="support_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["municipality", "contribution", "email"],
                condition=~Q(email=""),
                name="support_once_per_email",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""),
                name="support_by_account_or_email",
            ),
        ]
        indexes = [models.Index(fields=["contribution", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.user_id or self.email}"


class CommentQuerySet(TenantQuerySet):
    def public(self) -> Self:
        return self.filter(moderation=Moderation.APPROVED, is_hidden=False)


class Comment(TenantModel):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="contribution_comments",
    )
    text = models.TextField(_("comment"))
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.APPROVED
    )
    is_hidden = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_public(self) -> bool:
        return self.moderation == Moderation.APPROVED and not self.is_hidden


class Report(TenantChild):
    """A report of a contribution or a comment: one per account or per address."""

    tenant_parent = ("contribution", "comment")

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution_reports",
    )
    # A hash of the reporter's IP address for guests (never the address itself).
    reporter_key = models.CharField(max_length=64, blank=True)
    # The same hash for every report, also of accounts: reports from one address
    # count as one source.
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
            models.CheckConstraint(
                condition=(
                    Q(contribution__isnull=False, comment__isnull=True)
                    | Q(contribution__isnull=True, comment__isnull=False)
                ),
                name="report_one_target",
            ),
            models.UniqueConstraint(
                fields=["municipality", "contribution", "reporter"],
                condition=Q(reporter__isnull=False, contribution__isnull=False),
                name="report_contribution_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["municipality", "contribution", "reporter_key"],
                condition=~Q(reporter_key="") & Q(contribution__isnull=False),
                name="report_contribution_once_per_address",
            ),
            models.UniqueConstraint(
                fields=["municipality", "comment", "reporter"],
                condition=Q(reporter__isnull=False, comment__isnull=False),
                name="report_comment_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["municipality", "comment", "reporter_key"],
                condition=~Q(reporter_key="") & Q(comment__isnull=False),
                name="report_comment_once_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"


def report_weight(reports: Any) -> int:
    """The weight of reports by distinct sources: one per address (the heaviest of
    its reports), accounts without a known address each on their own."""
    by_source: dict[str, int] = {}
    for report in reports:
        source = report.address_key or f"account:{report.reporter_id}"
        by_source[source] = max(by_source.get(source, 0), report.weight)
    return sum(by_source.values())


class EventWindowQuerySet(TenantQuerySet):
    def active(self, at: Any = None) -> Self:
        from django.utils import timezone

        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at)


class EventWindow(TenantModel):
    """A workshop or meeting where many people post from one address (one Wi-Fi):
    while it runs, contributions sent with its code have a higher limit per
    address (docs/participation.md, "Workshops")."""

    name = models.CharField(_("name of the event"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("Give it to the participants; they enter it in the form."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    limit = models.PositiveSmallIntegerField(
        _("contributions per address and hour"), default=60
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventWindowQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("event window")
        verbose_name_plural = _("event windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_window_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(limit__gte=1) & Q(limit__lte=500),
                name="event_window_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UsedFormToken(models.Model):
    """A fill-time token of the open form that has been sent once: sending it again
    is refused (a bot cannot replay one valid token). Rows older than the token's
    lifetime are deleted when new ones are written."""

    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.digest[:12]

"""Actors (organisations, initiatives, administration units, intermediaries) and the
ties between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild


class Sector(models.Model):
    """The nine sectors of PRODUCT.md; rows are created by a data migration."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        # Stored names are the English msgids; shown through gettext.
        return str(_(self.name))


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INITIATIVE = "initiative", _("Initiative")
    ADMINISTRATION = "administration", _("Administration unit")
    INTERMEDIARY = "intermediary", _("Person in an intermediary role")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (members of the municipality only)")


class ActorQuerySet(TenantQuerySet):
    def active(self) -> Self:
        return self.filter(archived_at__isnull=True)

    def public(self) -> Self:
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Public actors for everyone; internal ones for members and opted-in advisers."""
        from quartier.core.predicates import can_read_internal

        qs = self.of(municipality)
        if can_read_internal(user, municipality):
            return qs
        return qs.public()

    def search(self, text: str) -> Self:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(description__icontains=text))


# The history tables of the sectors and neighbourhoods of an actor were made by
# simple_history from the many-to-many tables Django created by itself
# (`Actor_sectors`); their names stay now that the through models are explicit.
HISTORY_NAMES = {
    "ActorSector": "Actor_sectors",
    "ActorNeighborhood": "Actor_neighborhoods",
}


def history_name(name: str) -> str:
    return f"Historical{HISTORY_NAMES.get(name, name)}"


class ActorSector(TenantChild):
    """A sector of an actor (defined before Actor: simple_history reads the
    through model when Actor is prepared). The table is the one Django created for
    `Actor.sectors` by itself (actors_actor_sectors); this model gives it the
    municipality key (core/tenancy.py). `.set()` and `.add()` fill the key from the
    actor (TenantChild, also in bulk_create)."""

    tenant_parent = "actor"

    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+"
    )
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "actors_actor_sectors"
        verbose_name = _("sector of an actor")
        verbose_name_plural = _("sectors of actors")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "actor", "sector"],
                name="actors_actor_sector_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} – {self.sector_id}"


class ActorNeighborhood(TenantChild):
    """A neighbourhood an actor serves (the table Django created for
    `Actor.neighborhoods`, actors_actor_neighborhoods, with the municipality key)."""

    tenant_parent = "actor"

    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+"
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        db_table = "actors_actor_neighborhoods"
        verbose_name = _("neighbourhood of an actor")
        verbose_name_plural = _("neighbourhoods of actors")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "actor", "neighborhood"],
                name="actors_actor_neighborhood_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} – {self.neighborhood_id}"


class Actor(TenantModel):
    kind = models.CharField(_("kind"), max_length=16, choices=ActorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        Sector, through=ActorSector, verbose_name=_("sectors"), related_name="+"
    )
    neighborhoods = models.ManyToManyField(
        Neighborhood,
        through=ActorNeighborhood,
        verbose_name=_("neighbourhoods served"),
        related_name="actors",
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    logo = models.ImageField(_("logo"), upload_to="logos/actors/", blank=True)
    members = models.ManyToManyField(  # type: ignore[var-annotated]
        settings.AUTH_USER_MODEL,
        through="ActorMember",
        related_name="actors",
        verbose_name=_("partners"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords(
        m2m_fields=[sectors, neighborhoods], custom_model_name=history_name
    )
    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "actors:detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


def with_labels(actors: Iterable[Actor]) -> list[Actor]:
    """Attach `sector_list` and `neighborhood_list` to each actor, in three queries.

    Cheaper than prefetch_related for lists: Django builds a queryset and a related
    manager per actor and relation there, which cost more than the SQL itself
    (docs/benchmarks.md).
    """
    actors = list(actors)
    ids = [actor.pk for actor in actors]
    sectors = {sector.pk: sector for sector in Sector.objects.all()}
    sector_ids: dict[int, list[int]] = defaultdict(list)
    for actor_id, sector_id in Actor.sectors.through.objects.filter(
        actor_id__in=ids
    ).values_list("actor_id", "sector_id"):
        sector_ids[actor_id].append(sector_id)
    places: dict[int, list[Neighborhood]] = defaultdict(list)
    for actor_id, pk, slug, name in (
        Actor.neighborhoods.through.objects.filter(actor_id__in=ids)
        .order_by("neighborhood__name")
        .values_list(
            "actor_id", "neighborhood_id", "neighborhood__slug", "neighborhood__name"
        )
    ):
        places[actor_id].append(Neighborhood(pk=pk, slug=slug, name=name))
    for actor in actors:
        actor.sector_list = sorted(  # type: ignore[attr-defined]
            (sectors[pk] for pk in sector_ids[actor.pk]), key=lambda s: s.position
        )
        actor.neighborhood_list = places[actor.pk]  # type: ignore[attr-defined]
    return actors


class ActorMemberRole(models.TextChoices):
    ADMIN = "admin", _("Administrator of the organisation")
    MEMBER = "member", _("Member of the organisation")


class ActorMember(TenantChild):
    """A partner: a user who acts for an actor. The actor's admins invite and remove
    colleagues (docs/actors.md)."""

    tenant_parent = "actor"

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="actor_memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=8,
        choices=ActorMemberRole.choices,
        default=ActorMemberRole.MEMBER,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner of an actor")
        verbose_name_plural = _("partners of actors")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "actor", "user"], name="one_link_per_actor_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.actor}"


class ActorInvitation(TenantChild):
    """An invitation to act for an actor, sent to an address without an account.

    The e-mail carries a signed, expiring link (actors/invitations.py); the row makes
    it single-use and lets the actor's admins withdraw it. It is deleted when it is
    accepted or withdrawn.
    """

    tenant_parent = "actor"

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"),
        max_length=8,
        choices=ActorMemberRole.choices,
        default=ActorMemberRole.MEMBER,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation to an actor")
        verbose_name_plural = _("invitations to actors")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "actor", "email"],
                name="one_invitation_per_actor_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.actor}"


class TieKind(models.TextChoices):
    COOPERATION = "cooperation", _("Cooperation")
    INFORMATION = "information", _("Information exchange")
    REFERRAL = "referral", _("Referral")
    FUNDING = "funding", _("Funding")
    MEMBERSHIP = "membership", _("Shared membership")


class Intensity(models.IntegerChoices):
    """Ordered: a higher value is a closer tie."""

    ACQUAINTANCE = 1, _("Acquaintance")
    COOPERATION = 2, _("Cooperation")
    COORDINATION = 3, _("Coordination")
    INTEGRATION = 4, _("Integration")


class TieStatus(models.TextChoices):
    """A tie is active only once both sides agree (or the coordination recorded it)."""

    PROPOSED = "proposed", _("proposed, waiting for confirmation")
    ACTIVE = "active", _("confirmed")
    DECLINED = "declined", _("declined")
    ENDED = "ended", _("ended")


OPEN_TIE_STATUSES = (TieStatus.PROPOSED, TieStatus.ACTIVE)


class TieQuerySet(TenantQuerySet):
    def active(self) -> Self:
        """Confirmed ties that are not archived: the only ones the network, the API
        and the overlap matrix count."""
        return self.filter(status=TieStatus.ACTIVE, archived_at__isnull=True)

    def proposed(self) -> Self:
        return self.filter(status=TieStatus.PROPOSED, archived_at__isnull=True)

    def open(self) -> Self:
        """Proposed or active: a second proposal between the same two is refused."""
        return self.filter(status__in=OPEN_TIE_STATUSES, archived_at__isnull=True)

    def visible_to(self, user: Any, municipality: Any) -> Self:
        """A tie is as visible as the less visible of its two actors."""
        from quartier.core.predicates import can_read_internal

        qs = self.of(municipality)
        if can_read_internal(user, municipality):
            return qs
        return qs.filter(
            source__visibility=Visibility.PUBLIC, target__visibility=Visibility.PUBLIC
        )

    def touching(self, actor: Actor) -> Self:
        """The ties of `actor`, from either side. Each side is read through its own
        index (municipality, side) and the two joined by a union: with an OR of
        the two sides SQLite walked every tie of the municipality (50,000 in the
        bench data) for an actor's page (docs/benchmarks.md)."""
        key = actor.municipality_id
        ties = self.model.objects.order_by()
        sides = (
            ties.filter(municipality_id=key, source=actor)
            .values("pk")
            .union(ties.filter(municipality_id=key, target=actor).values("pk"))
        )
        return self.filter(pk__in=sides)


class Tie(TenantModel):
    source = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="ties_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="ties_in", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TieKind.choices)
    intensity = models.PositiveSmallIntegerField(
        _("intensity"), choices=Intensity.choices, default=Intensity.ACQUAINTANCE
    )
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=TieStatus.choices, default=TieStatus.ACTIVE
    )
    recorded_by_coordination = models.BooleanField(
        _("recorded by the coordination"), default=False
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()
    objects = TieQuerySet.as_manager()

    class Meta:
        ordering = ["-intensity", "id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="tie_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(intensity__gte=1, intensity__lte=4),
                name="tie_intensity_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=TieStatus.values), name="tie_status_known"
            ),
        ]
        indexes = [
            # An actor's ties, one side each (TieQuerySet.touching).
            models.Index(fields=["municipality", "source"], name="tie_source_side"),
            models.Index(fields=["municipality", "target"], name="tie_target_side"),
        ]

    def __str__(self) -> str:
        return f"{self.source} – {self.target} ({self.get_kind_display()})"

    def other(self, actor: Actor) -> Actor:
        return self.target if self.source_id == actor.pk else self.source

    @property
    def is_active(self) -> bool:
        return self.status == TieStatus.ACTIVE and self.archived_at is None

    @property
    def is_proposed(self) -> bool:
        return self.status == TieStatus.PROPOSED and self.archived_at is None


# Sector names live in the database (actors/migrations/0002_sectors.py); these
# markers put them into the translation catalogue.
_SECTOR_NAMES = (
    _("Administration"),
    _("Politics"),
    _("Civil society"),
    _("Health care"),
    _("Social services"),
    _("Education"),
    _("Housing"),
    _("Business"),
    _("Residents"),
)

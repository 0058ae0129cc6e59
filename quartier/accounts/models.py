"""Users (e-mail login), memberships with a role per municipality, invitations and
personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality, TenantModel
from quartier.core.roles import Role

__all__ = ["Role", "User", "Membership", "MembershipRequest", "Invitation", "ApiToken"]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("name shown to others"),
        max_length=120,
        blank=True,
        help_text=_("How others see you, e.g. “Aylin D.”. Optional."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    is_adviser = models.BooleanField(
        _("adviser (Fachberatung)"),
        default=False,
        help_text=_("Reads internal data of the municipalities that share it."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # One of settings.LANGUAGES, or empty: follow the language switch
    # (core/languages.py); also the language of the person's e-mails (core/tasks.py).
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        help_text=_(
            "The language of the pages when you are signed in, and of the e-mails "
            "you receive."
        ),
    )
    deleted_at = models.DateTimeField(_("account deleted"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return str(self.public_name)

    @property
    def public_name(self) -> str:
        """The name shown next to what this person published."""
        if self.deleted_at:
            return str(_("former member"))
        # Never part of the e-mail address: that would make it public.
        return self.display_name or str(_("Member"))

    def role_in(self, municipality: Municipality | int | None) -> str | None:
        """The user's role in a municipality, loaded once per request and cached."""
        if municipality is None or not self.is_authenticated:
            return None
        mid = municipality if isinstance(municipality, int) else municipality.pk
        roles = getattr(self, "_roles_cache", None)
        if roles is None or (isinstance(roles, _RolesKnownFor) and mid not in roles):
            # order_by(): Membership's default ordering by e-mail would join the
            # user table on every signed-in request for nothing.
            roles = dict(
                self.memberships.order_by().values_list("municipality_id", "role")
            )
            self._roles_cache = roles
        return roles.get(mid)

    def know_role_in(self, municipality_id: int, role: str | None) -> None:
        """The role in the request's municipality, read in the same query as the
        municipality (TenantMiddleware): role_in asks no query of its own for it.
        Per request like the cache of role_in (the user object is the request's),
        so a changed role counts from the next request on, in every process."""
        if getattr(self, "_roles_cache", None) is None:
            self._roles_cache = _RolesKnownFor({municipality_id: role})


class _RolesKnownFor(dict[int, "str | None"]):
    """Roles known for some municipalities only (User.know_role_in); role_in loads
    all of them when asked about another municipality."""


class Membership(TenantModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_membership_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class MembershipRequestQuerySet(models.QuerySet["MembershipRequest"]):
    def pending(self) -> MembershipRequestQuerySet:
        return self.filter(status=MembershipRequest.Status.PENDING)


class MembershipRequest(TenantModel):
    """A person asks to join a municipality that approves its residents (join flow,
    docs/accounts.md); a coordinator or admin approves or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=models.Q(status="pending"),
                name="one_pending_membership_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.get_status_display()})"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


INVITATION_DAYS = 14


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(TenantModel):
    """A single-use, expiring link that grants a role in a municipality."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    # Unique per municipality (core/tenancy.py): the link carries the municipality's
    # slug, and the lookup names both (services.invitation_by_token).
    token_hash = models.CharField(max_length=64)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "token_hash"],
                name="invitation_token_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @staticmethod
    def new_token() -> tuple[str, str]:
        raw = secrets.token_urlsafe(32)
        return raw, hash_token(raw)

    @staticmethod
    def default_expiry() -> Any:
        return timezone.now() + timedelta(days=INVITATION_DAYS)

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 hash is stored, the token is shown once."""

    PREFIX = "qt_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(_("first characters"), max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_raw(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

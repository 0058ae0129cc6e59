"""Writes of the accounts app: memberships, invitations, API tokens, account deletion."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from quartier.accounts import privacy
from quartier.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    MembershipRequest,
    User,
    hash_token,
)
from quartier.core.maillinks import absolute_url
from quartier.core.mfa import mfa_blocks_tokens
from quartier.core.models import JoinPolicy, Municipality
from quartier.core.roles import Role
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email


def _guard_last_admin(membership: Membership, new_role: str | None) -> None:
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    # Lock the admin rows so that two admins cannot demote each other at once.
    # (PostgreSQL refuses FOR UPDATE with COUNT(*), hence the list.)
    admins = list(
        Membership.objects.filter(
            municipality_id=membership.municipality_id, role=Role.ADMIN
        )
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if len(admins) <= 1:
        raise ValidationError(
            _("A municipality needs at least one admin. Appoint another admin first.")
        )


@transaction.atomic
def membership_set_role(*, by: Any, membership: Membership, role: str) -> Membership:
    """Give a member another role (admins of the municipality)."""
    ensure_allowed(by, "accounts.change_membership", membership)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    _guard_last_admin(membership, role)
    old = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    record_action(
        by,
        membership.municipality,
        "accounts.change_role",
        f"{membership.user.email}: {old} → {membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, by: Any, membership: Membership) -> None:
    """End a membership; what the person published stays."""
    ensure_allowed(by, "accounts.change_membership", membership)
    _guard_last_admin(membership, None)
    record_action(
        by, membership.municipality, "accounts.remove_member", membership.user.email
    )
    membership.delete()


@transaction.atomic
def invitation_create(
    *, by: Any, municipality: Municipality, email: str, role: str
) -> Invitation:
    """Invite someone by e-mail; the link works once and expires after 14 days."""
    ensure_allowed(by, "accounts.add_invitation", municipality)
    email = email.strip().lower()
    if Membership.objects.filter(
        municipality=municipality, user__email__iexact=email
    ).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    raw, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        municipality=municipality,
        email=email,
        role=role,
        token_hash=digest,
        invited_by=by,
        expires_at=Invitation.default_expiry(),
    )
    link = absolute_url(
        reverse(
            "members:invitation",
            kwargs={"municipality_slug": municipality.slug, "token": raw},
        )
    )
    queue_email(
        to=email,
        subject=lazy_subject(_lazy("Invitation to %(name)s"), name=municipality.name),
        template="accounts/email/invitation.txt",
        context={"invitation": invitation, "link": link, "municipality": municipality},
    )
    record_action(
        by,
        municipality,
        "accounts.invite",
        f"{email} ({invitation.get_role_display()})",
    )
    return invitation


def membership_join(
    *, user: User, municipality: Municipality
) -> Membership | MembershipRequest:
    """A person joins a municipality as a resident ("Mitmachen", or the choice made
    when signing up): at once when the municipality lets residents join freely,
    otherwise as a request that a coordinator or admin decides
    (`membership_request_decide`). Asking twice changes nothing."""
    if not municipality.is_active:
        raise ValidationError(_("This municipality does not take new members."))
    with transaction.atomic():
        existing = Membership.objects.filter(
            user=user, municipality=municipality
        ).first()
        if existing is not None:
            return existing
        if municipality.join_policy == JoinPolicy.OPEN:
            membership, _created = Membership.objects.get_or_create(
                user=user, municipality=municipality, defaults={"role": Role.RESIDENT}
            )
            MembershipRequest.objects.filter(
                user=user, municipality=municipality
            ).pending().update(
                status=MembershipRequest.Status.APPROVED, decided_at=timezone.now()
            )
            record_action(user, municipality, "accounts.join", user.email)
            return membership
        pending = (
            MembershipRequest.objects.filter(user=user, municipality=municipality)
            .pending()
            .first()
        )
        if pending is not None:
            return pending
        try:
            with transaction.atomic():
                request = MembershipRequest.objects.create(
                    user=user, municipality=municipality
                )
        except IntegrityError:  # a second click at the same time: one request
            return (
                MembershipRequest.objects.filter(user=user, municipality=municipality)
                .pending()
                .get()
            )
    if municipality.contact_email:
        queue_email(
            to=municipality.contact_email,
            subject=lazy_subject(
                _lazy("New membership request for %(name)s"), name=municipality.name
            ),
            template="accounts/email/membership_requested.txt",
            context={
                "municipality": municipality,
                "link": absolute_url(
                    reverse(
                        "members:requests",
                        kwargs={"municipality_slug": municipality.slug},
                    )
                ),
            },
        )
    return request


@transaction.atomic
def membership_request_decide(
    *, by: Any, membership_request: MembershipRequest, approve: bool
) -> MembershipRequest:
    """Approve (the person becomes a resident member) or decline a request; the
    person gets an e-mail either way."""
    ensure_allowed(by, "accounts.decide_membershiprequest", membership_request)
    locked = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)
    if locked.status != MembershipRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    municipality = locked.municipality
    if approve:
        Membership.objects.get_or_create(
            user=locked.user,
            municipality=municipality,
            defaults={"role": Role.RESIDENT},
        )
        locked.status = MembershipRequest.Status.APPROVED
    else:
        locked.status = MembershipRequest.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    record_action(
        by,
        municipality,
        "accounts.approve_membership" if approve else "accounts.decline_membership",
        locked.user.email,
    )
    queue_email(
        to=locked.user.email,
        # Translated when rendered, in the person's own language (core/tasks.py).
        subject=lazy_subject(
            _lazy("Welcome to %(name)s")
            if approve
            else _lazy("Your request to %(name)s"),
            name=municipality.name,
        ),
        template="accounts/email/membership_decided.txt",
        context={
            "approved": approve,
            "municipality": municipality,
            "link": absolute_url(municipality.get_absolute_url()),
        },
    )
    return locked


def invitation_by_token(municipality: Municipality, raw: str) -> Invitation | None:
    return Invitation.objects.filter(
        municipality=municipality, token_hash=hash_token(raw)
    ).first()


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """Turn a usable invitation into a membership of the signed-in user."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(
            _("This invitation has already been used, was withdrawn or has expired.")
        )
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Please sign in with that address.")
            % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        user=user,
        municipality=invitation.municipality,
        defaults={"role": invitation.role},
    )
    if not created and membership.role != invitation.role:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    MembershipRequest.objects.filter(
        user=user, municipality=invitation.municipality
    ).pending().update(
        status=MembershipRequest.Status.APPROVED, decided_at=timezone.now()
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record_action(
        user, invitation.municipality, "accounts.accept_invitation", user.email
    )
    return membership


@transaction.atomic
def invitation_revoke(*, by: Any, invitation: Invitation) -> Invitation:
    ensure_allowed(by, "accounts.change_invitation", invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_action(
        by, invitation.municipality, "accounts.revoke_invitation", invitation.email
    )
    return invitation


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the raw token is returned once and never stored.

    Refused while a municipality requires two-factor authentication of the person
    and they have none: a token must not step around that requirement."""
    if mfa_blocks_tokens(user):
        raise ValidationError(
            _(
                "Set up two-factor authentication first: a municipality you "
                "coordinate requires it, also for API tokens."
            )
        )
    if not name.strip():
        raise ValidationError(
            {"name": _("Give the token a name, e.g. “Import script”.")}
        )
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], token_hash=hash_token(raw), hint=raw[:10]
    )
    return token, raw


@transaction.atomic
def token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk:
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user behind a raw token, or None."""
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase a person's account: personal fields wiped, sessions and tokens revoked.

    The user row stays (anonymised) so that what the person published publicly keeps
    its author, shown as "former member"; nothing else is deleted. Sessions that
    allauth's usersessions did not track end anyway: the password hash they were
    signed with is gone and the account is inactive.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    old_email = user.email
    new_email = f"deleted-{user.pk}@deleted.invalid"
    # What the person wrote as a guest under their own addresses loses the address
    # and the name too (collected before the addresses are deleted below).
    privacy.erase_by_email(privacy.addresses_of(user))
    for session in UserSession.objects.filter(user=user):
        session.end()
    ApiToken.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.memberships.all().delete()
    user.membership_requests.all().delete()
    user.actor_memberships.all().delete()
    # Invitations addressed to the person carry their address as well.
    invitations = Invitation.objects.filter(email__iexact=old_email)
    invitations.pending().update(revoked_at=timezone.now())
    invitations.update(email=new_email)
    user.email = new_email
    user.display_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_adviser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.user_permissions.clear()
    user.groups.clear()

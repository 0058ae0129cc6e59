"""Writes about the people who act for an actor: invitations, roles, removal
(docs/actors.md). An actor keeps at least one admin."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.actors.models import (
    Actor,
    ActorInvitation,
    ActorMember,
    ActorMemberRole,
)
from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality
from quartier.core.roles import Role, rank
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email


def _forget_cached_roles(user: Any) -> None:
    """Roles are cached on the user object for a request (rules.py, role_in)."""
    for name in ("_actor_roles_cache", "_roles_cache"):
        user.__dict__.pop(name, None)


def _guard_last_admin(member: ActorMember, new_role: str | None) -> None:
    if member.role != ActorMemberRole.ADMIN or new_role == ActorMemberRole.ADMIN:
        return
    # Lock the admin rows so that two admins cannot remove each other at once.
    admins = list(
        ActorMember.objects.filter(actor_id=member.actor_id, role=ActorMemberRole.ADMIN)
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if len(admins) <= 1:
        raise ValidationError(
            _(
                "An organisation needs at least one administrator. "
                "Appoint another administrator first."
            )
        )


def _at_least_partner(user: Any, municipality: Municipality) -> None:
    """Acting for an actor needs the partner role in its municipality: a resident
    (or someone without a role there) is raised to partner, never lowered."""
    from quartier.accounts.models import Membership

    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, municipality=municipality)
        .first()
    )
    if membership is None:
        Membership.objects.create(
            user=user, municipality=municipality, role=Role.PARTNER
        )
    elif rank(membership.role) < rank(Role.PARTNER):
        membership.role = Role.PARTNER
        membership.save(update_fields=["role"])
    else:
        return
    record_action(user, municipality, "actors.grant_partner_role", user.email)


def _member_add(*, by: Any, actor: Actor, user: Any, role: str) -> ActorMember:
    member, created = ActorMember.objects.get_or_create(
        actor=actor, user=user, defaults={"role": role}
    )
    if not created:
        raise ValidationError(
            {"email": _("This person already acts for %s.") % actor.name}
        )
    _at_least_partner(user, actor.municipality)
    _forget_cached_roles(user)
    record_action(
        by, actor.municipality, "actors.add_member", f"{user.email} → {actor.name}"
    )
    return member


@transaction.atomic
def member_invite(
    *, by: Any, actor: Actor, email: str, role: str = ActorMemberRole.MEMBER
) -> ActorMember | ActorInvitation:
    """Invite a colleague to act for `actor` (its admins, the coordination).

    With an account the person becomes a member at once and is told by e-mail; without
    one they get an e-mail with a signed link that expires after 14 days and leads
    through sign-up or sign-in to joining (actors/invitations.py).
    """
    from quartier.accounts.models import User

    ensure_allowed(by, "actors.manage_members", actor)
    if role not in ActorMemberRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("Please enter an e-mail address.")})
    user = User.objects.filter(
        email__iexact=email, is_active=True, deleted_at__isnull=True
    ).first()
    if user is not None:
        member = _member_add(by=by, actor=actor, user=user, role=role)
        ActorInvitation.objects.filter(actor=actor, email__iexact=email).delete()
        queue_email(
            to=user.email,
            subject=lazy_subject(
                gettext_lazy("You now act for %(name)s"), name=actor.name
            ),
            template="actors/email/member_added.txt",
            context={
                "actor": actor,
                "member": member,
                "link": absolute_url(actor.get_absolute_url()),
            },
        )
        return member
    from quartier.actors.invitations import INVITATION_MAX_AGE, invitation_url

    # A new invitation replaces an earlier one: its link stops working.
    ActorInvitation.objects.filter(actor=actor, email__iexact=email).delete()
    invitation = ActorInvitation.objects.create(
        actor=actor, email=email, role=role, invited_by=by
    )
    queue_email(
        to=email,
        subject=lazy_subject(
            gettext_lazy("Invitation to act for %(name)s"), name=actor.name
        ),
        template="actors/email/invitation.txt",
        context={
            "actor": actor,
            "invitation": invitation,
            "link": invitation_url(invitation),
            "until": timezone.localdate() + INVITATION_MAX_AGE,
        },
    )
    record_action(by, actor.municipality, "actors.invite_member", f"{email} → {actor}")
    return invitation


@transaction.atomic
def invitation_accept(*, user: Any, invitation: ActorInvitation) -> ActorMember:
    """The invited person, signed in with the invited address, joins the actor."""
    invitation = (
        ActorInvitation.objects.select_for_update()
        .select_related("actor__municipality")
        .get(pk=invitation.pk)
    )
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Please sign in with that address.")
            % {"email": invitation.email}
        )
    actor = invitation.actor
    if ActorMember.objects.filter(actor=actor, user=user).exists():
        invitation.delete()
        return ActorMember.objects.get(actor=actor, user=user)
    member = _member_add(by=user, actor=actor, user=user, role=invitation.role)
    invitation.delete()
    return member


@transaction.atomic
def invitation_withdraw(*, by: Any, invitation: ActorInvitation) -> None:
    ensure_allowed(by, "actors.delete_actorinvitation", invitation)
    record_action(
        by,
        invitation.actor.municipality,
        "actors.withdraw_invitation",
        f"{invitation.email} → {invitation.actor}",
    )
    invitation.delete()


@transaction.atomic
def member_set_role(*, by: Any, member: ActorMember, role: str) -> ActorMember:
    """Make a member an admin of the actor or a plain member (its admins)."""
    ensure_allowed(by, "actors.manage_members", member.actor)
    if role not in ActorMemberRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    _guard_last_admin(member, role)
    member.role = role
    member.save(update_fields=["role"])
    record_action(
        by,
        member.actor.municipality,
        "actors.change_member_role",
        f"{member.user.email} @ {member.actor}: {member.get_role_display()}",
    )
    return member


@transaction.atomic
def member_remove(*, by: Any, member: ActorMember) -> None:
    """Remove a member (the actor's admins, the coordination) or leave (oneself);
    never the last admin. The person's role in the municipality stays."""
    ensure_allowed(by, "actors.change_actormember", member)
    _guard_last_admin(member, None)
    record_action(
        by,
        member.actor.municipality,
        "actors.remove_member",
        f"{member.user.email} @ {member.actor}",
    )
    member.delete()
    _forget_cached_roles(member.user)

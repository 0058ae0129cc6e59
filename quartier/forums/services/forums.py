"""Writes of the forums app: forums and their members. Forums are archived, never
deleted (their meetings and decisions must stay readable)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.actors.models import Actor
from quartier.core.models import Municipality, Neighborhood
from quartier.core.services import ensure_allowed, record_action, set_archived
from quartier.forums.models import (
    Forum,
    ForumKind,
    ForumMember,
    ForumRole,
    ForumVisibility,
)

FORUM_FIELDS = (
    "kind",
    "name",
    "slug",
    "purpose",
    "mandate",
    "mandate_scope",
    "recommends_to",
    "recommends_to_body",
    "participation_stage",
    "visibility",
    "contact_name",
    "contact_email",
    "member_meetings",
)
# Slugs that would shadow the forum list's own paths.
RESERVED_FORUM_SLUGS = {"new"}


def default_visibility(kind: str) -> str:
    """Peer consultation is a protected space: members only unless chosen otherwise."""
    if kind == ForumKind.PEER_CONSULTATION:
        return ForumVisibility.MEMBERS
    return ForumVisibility.PUBLIC


@transaction.atomic
def forum_save(
    *,
    by: Any,
    municipality: Municipality,
    forum: Forum | None = None,
    neighborhoods: Iterable[Neighborhood] | None = None,
    **fields: Any,
) -> Forum:
    """Create a forum in `municipality`, or change `forum` (coordinators).

    A new forum without a visibility gets the default of its kind (members only for
    peer consultation, public otherwise)."""
    if forum is None:
        ensure_allowed(by, "forums.add_forum", municipality)
        forum = Forum(municipality=municipality)
        if not fields.get("visibility"):
            fields["visibility"] = default_visibility(fields.get("kind", ""))
    else:
        ensure_allowed(by, "forums.change_forum", forum)
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        if value is None and name != "recommends_to":
            value = ""
        setattr(forum, name, value)
    if forum.slug in RESERVED_FORUM_SLUGS:
        raise ValidationError({"slug": _("This address is reserved.")})
    target = forum.recommends_to
    if target is not None:
        if target.municipality_id != municipality.pk:
            raise ValidationError(
                {"recommends_to": _("This belongs to another municipality.")}
            )
        if forum.pk and target.pk == forum.pk:
            raise ValidationError(
                {"recommends_to": _("A forum cannot recommend to itself.")}
            )
    forum.full_clean()
    neighborhoods = list(neighborhoods) if neighborhoods is not None else None
    for neighborhood in neighborhoods or []:
        if neighborhood.municipality_id != municipality.pk:
            raise ValidationError(
                {"neighborhoods": _("This belongs to another municipality.")}
            )
    forum._change_reason = "web"  # type: ignore[attr-defined]
    forum.save()
    if neighborhoods is not None:
        # The through rows carry the key (TenantChild); given here, it needs no
        # lookup of the forum per row.
        forum.neighborhoods.set(
            neighborhoods, through_defaults={"municipality": municipality}
        )
    record_action(by, municipality, "forums.save_forum", forum)
    return forum


@transaction.atomic
def forum_archive(*, by: Any, forum: Forum, archived: bool = True) -> Forum:
    """Archive (or restore) a forum; its meetings and decisions stay."""
    return set_archived(by=by, obj=forum, archived=archived)


@transaction.atomic
def forum_member_add(
    *,
    by: Any,
    forum: Forum,
    role: str,
    user: Any = None,
    actor: Actor | None = None,
) -> ForumMember:
    """Add a person (a member of the municipality) or an actor of the municipality to
    a forum with a role (coordinators and the forum's moderation)."""
    ensure_allowed(by, "forums.manage_forum_members", forum)
    if (user is None) == (actor is None):
        raise ValidationError(_("Choose either a person or an actor."))
    if role not in ForumRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    members = ForumMember.objects.filter(forum=forum)
    if user is not None:
        if user.role_in(forum.municipality) is None:
            raise ValidationError(
                {"email": _("This person is not a member of the municipality.")}
            )
        if members.filter(user=user).exists():
            raise ValidationError({"email": _("This person is already in the forum.")})
    if actor is not None:
        if actor.municipality_id != forum.municipality_id:
            raise ValidationError({"actor": _("This belongs to another municipality.")})
        if members.filter(actor=actor).exists():
            raise ValidationError({"actor": _("This actor is already in the forum.")})
    member = ForumMember.objects.create(forum=forum, user=user, actor=actor, role=role)
    record_action(by, forum.municipality, "forums.add_forum_member", member)
    return member


@transaction.atomic
def forum_member_change_role(*, by: Any, member: ForumMember, role: str) -> ForumMember:
    ensure_allowed(by, "forums.manage_forum_members", member.forum)
    if role not in ForumRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    member.role = role
    member.save(update_fields=["role"])
    record_action(by, member.forum.municipality, "forums.change_forum_member", member)
    return member


@transaction.atomic
def forum_member_remove(*, by: Any, member: ForumMember) -> None:
    ensure_allowed(by, "forums.manage_forum_members", member.forum)
    record_action(by, member.forum.municipality, "forums.remove_forum_member", member)
    member.delete()

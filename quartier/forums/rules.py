"""Permissions of the forums app (docs/permissions.md).

Objects are a Municipality (for "add" on lists), a Forum, or anything that leads to
one (Meeting, AgendaItem, Decision, Registration).
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, is_member


def forum_of(obj: Any) -> Any:
    """The forum an object belongs to, or None (for a Municipality)."""
    from quartier.forums.models import Forum

    if isinstance(obj, Forum):
        return obj
    for path in ("forum", "meeting.forum", "agenda_item.meeting.forum"):
        target = obj
        for name in path.split("."):
            target = getattr(target, name, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


def _forum_role(user: Any, forum: Any) -> str | None:
    """The user's role in a forum: their own membership, or their actor's."""
    if forum is None or not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_forum_roles", None)
    if cache is None:
        cache = user._forum_roles = {}
    if forum.pk not in cache:
        from django.db.models import Q

        from quartier.forums.models import ForumMember, ForumRole

        roles = set(
            ForumMember.objects.filter(forum=forum)
            .filter(Q(user=user) | Q(actor__members=user))
            .values_list("role", flat=True)
        )
        order = [ForumRole.MODERATION, ForumRole.MEMBER, ForumRole.GUEST]
        cache[forum.pk] = next((role for role in order if role in roles), None)
    return cache[forum.pk]


@rules.predicate
def is_forum_moderator(user: Any, obj: Any = None) -> bool:
    """Has the Moderation role in the object's forum."""
    return _forum_role(user, forum_of(obj)) == "moderation"


@rules.predicate
def is_forum_member(user: Any, obj: Any = None) -> bool:
    """Moderation or Mitglied of the object's forum (Gast does not count)."""
    return _forum_role(user, forum_of(obj)) in ("moderation", "member")


@rules.predicate
def is_in_forum(user: Any, obj: Any = None) -> bool:
    """Any role in the object's forum, guests included."""
    return _forum_role(user, forum_of(obj)) is not None


@rules.predicate
def forum_is_public(user: Any, obj: Any = None) -> bool:
    forum = forum_of(obj)
    return forum is not None and forum.visibility == "public"


@rules.predicate
def is_on_published_agenda(user: Any, obj: Any = None) -> bool:
    """An accepted agenda item of a meeting whose agenda is published (what the
    meeting page shows everybody; linked items show no more, core/object_links.py)."""
    meeting = getattr(obj, "meeting", None)
    return (
        getattr(obj, "status", None) == "accepted"
        and meeting is not None
        and meeting.agenda_published_at is not None
    )


def meeting_of(obj: Any) -> Any:
    """The meeting an object is or belongs to (a Meeting, an AgendaItem, a
    Registration), or None (a Forum, a Municipality)."""
    from quartier.forums.models import Meeting

    if isinstance(obj, Meeting):
        return obj
    meeting = getattr(obj, "meeting", None)
    return meeting if isinstance(meeting, Meeting) else None


@rules.predicate
def is_listed_meeting(user: Any, obj: Any = None) -> bool:
    """Not a meeting waiting for approval nor a declined one (true for objects that
    are no meeting and belong to none)."""
    meeting = meeting_of(obj)
    return meeting is None or meeting.is_listed


@rules.predicate
def is_meeting_proposer(user: Any, obj: Any = None) -> bool:
    """The member who called the meeting (MemberMeetings)."""
    meeting = meeting_of(obj)
    return bool(
        meeting is not None
        and getattr(user, "is_authenticated", False)
        and meeting.proposed_by_id == user.pk
    )


@rules.predicate
def forum_is_active(user: Any, obj: Any = None) -> bool:
    forum = forum_of(obj)
    return forum is not None and forum.archived_at is None


@rules.predicate
def moderates_a_forum(user: Any, obj: Any = None) -> bool:
    """Has the Moderation role in some forum of the municipality (for the work queue
    of proposed meetings on "Meine Übersicht")."""
    if not getattr(user, "is_authenticated", False):
        return False
    from quartier.core.predicates import municipality_of
    from quartier.forums.models import Forum, moderated_forums

    municipality = municipality_of(obj)
    return Forum.objects.filter(
        municipality=municipality, pk__in=moderated_forums(user)
    ).exists()


@rules.predicate
def is_proposer(user: Any, obj: Any = None) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(obj, "proposer_id", None) == user.pk
    )


can_see_forum = forum_is_public | is_in_forum | is_coordinator
runs_forum = is_coordinator | is_forum_moderator
# A proposed or declined meeting is seen by its proposer and whoever runs the forum
# only (the queryset twin: MeetingQuerySet.visible_to).
sees_meeting = can_see_forum & (is_listed_meeting | runs_forum | is_meeting_proposer)

rules.add_perm("forums.view_forum", can_see_forum)
rules.add_perm("forums.add_forum", is_coordinator)
rules.add_perm("forums.change_forum", is_coordinator)
rules.add_perm("forums.archive_forum", is_coordinator)
rules.add_perm("forums.manage_forum_members", runs_forum)
rules.add_perm("forums.change_notification_preference", can_see_forum & is_member)

rules.add_perm("forums.view_meeting", sees_meeting)
rules.add_perm("forums.add_meeting", runs_forum)
rules.add_perm("forums.change_meeting", runs_forum)
# Members call their own meetings (on a Forum); the forum's rule decides whether the
# moderation approves them first (Forum.member_meetings).
rules.add_perm("forums.propose_meeting", is_forum_member & forum_is_active)
rules.add_perm("forums.review_meeting", runs_forum)
rules.add_perm("forums.review_proposed_meetings", is_coordinator | moderates_a_forum)
rules.add_perm(
    "forums.register_for_meeting", can_see_forum & is_member & is_listed_meeting
)
# Without an account: public forums' listed meetings (double opt-in by e-mail).
rules.add_perm("forums.register_as_guest", forum_is_public & is_listed_meeting)
rules.add_perm("forums.record_attendance", runs_forum)

rules.add_perm("forums.view_agendaitem", sees_meeting)
# What the meeting page lists: the view permission of an agenda item shown elsewhere,
# e.g. linked from a contribution (core/object_links.py).
rules.add_perm(
    "forums.view_agendaitem_on_agenda",
    sees_meeting & (is_on_published_agenda | is_proposer | runs_forum),
)
rules.add_perm("forums.propose_agenda_item", runs_forum | is_forum_member)
rules.add_perm("forums.moderate_agenda", runs_forum)
rules.add_perm("forums.write_minutes", runs_forum)

rules.add_perm("forums.view_decision", can_see_forum)
rules.add_perm("forums.record_decision", runs_forum)
rules.add_perm("forums.change_decision", runs_forum)

rules.add_perm("forums.view_registration", runs_forum)

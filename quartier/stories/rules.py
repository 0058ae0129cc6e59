"""Permissions of the stories app (docs/permissions.md, docs/stories.md).

Objects are a Municipality (lists, forms, coordinators' pages), a Story or a Round.
Stories follow participation's moderation: public once approved, consented to and not
hidden by reports; their author and the coordination see them before.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator
from quartier.participation.rules import is_author


@rules.predicate
def is_public_story(user: Any, obj: Any = None) -> bool:
    return bool(obj is not None and getattr(obj, "is_public", False))


@rules.predicate
def is_panel_member(user: Any, obj: Any = None) -> bool:
    """A person who is a member of the round's panel forum."""
    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    from quartier.forums.models import ForumMember

    return ForumMember.objects.filter(forum_id=obj.forum_id, user=user).exists()


@rules.predicate
def is_open_round(user: Any, obj: Any = None) -> bool:
    return bool(obj is not None and getattr(obj, "closed_at", None) is None)


rules.add_perm("stories.view_story", is_public_story | is_author | is_coordinator)
rules.add_perm("stories.add_story", rules.always_allow)
rules.add_perm("stories.report_story", is_public_story)
rules.add_perm("stories.intake_story", is_coordinator)
rules.add_perm("stories.moderate_story", is_coordinator)
rules.add_perm("stories.view_moderation", is_coordinator)
rules.add_perm("stories.link_story", is_coordinator)

rules.add_perm("stories.view_round", rules.always_allow)
rules.add_perm("stories.manage_rounds", is_coordinator)
rules.add_perm("stories.pick_story", is_panel_member & is_open_round)
rules.add_perm("stories.close_round", is_coordinator & is_open_round)

"""Permissions of the participation app (docs/permissions.md).

Objects are a Municipality (lists, the form, the coordinators' pages), a
Contribution or a Comment.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, is_member


@rules.predicate
def is_public_item(user: Any, obj: Any = None) -> bool:
    """An approved contribution or comment that reports have not hidden; a comment
    also needs its contribution to be public."""
    if obj is None or not getattr(obj, "is_public", True):
        return False
    contribution = getattr(obj, "contribution", None)
    return contribution is None or contribution.is_public


@rules.predicate
def is_author(user: Any, obj: Any = None) -> bool:
    """The signed-in author of the contribution (or comment)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(obj, "author_id", None) == user.pk
    )


can_see = is_public_item | is_author | is_coordinator

rules.add_perm("participation.view_contribution", can_see)
rules.add_perm("participation.add_contribution", rules.always_allow)
rules.add_perm("participation.support_contribution", is_public_item)
rules.add_perm("participation.report_contribution", is_public_item)
rules.add_perm("participation.comment_contribution", is_public_item & is_member)
rules.add_perm("participation.moderate_contribution", is_coordinator)
rules.add_perm("participation.respond_contribution", is_coordinator)
rules.add_perm("participation.link_contribution", is_coordinator)
rules.add_perm("participation.intake_contribution", is_coordinator)
rules.add_perm("participation.view_moderation", is_coordinator)
rules.add_perm("participation.manage_topics", is_coordinator)
rules.add_perm("participation.manage_event_windows", is_coordinator)
rules.add_perm("participation.tag_layers", is_coordinator)

rules.add_perm("participation.view_comment", can_see)
rules.add_perm("participation.report_comment", is_public_item)
rules.add_perm("participation.moderate_comment", is_coordinator)

# Posters are printed and hung by the coordination; the paper form is for everyone.
rules.add_perm("participation.print_posters", is_coordinator)

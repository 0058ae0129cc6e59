"""Permissions of the reflections app (docs/permissions.md, "Reflections").

Members of the municipality (and advisers with access) read reflections, but only
those whose meeting, compass round, initiative or fund they may see as well.
Coordinators and the moderators of a forum of the municipality write them; an
adaptation is a decision, so recording one also needs forums.record_decision on
the chosen agenda item (checked by the forums service).
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import can_read_internal_pred, is_coordinator
from quartier.forums.rules import is_forum_moderator, moderates_a_forum


@rules.predicate
def sees_subject(user: Any, obj: Any = None) -> bool:
    """The reflection's meeting, round, initiative or fund is visible to the user
    (a municipality — for lists and the add form — passes)."""
    for name, perm in (
        ("meeting", "forums.view_meeting"),
        ("compass_round", "compass.view_round"),
        ("initiative", "initiatives.view_initiative"),
        ("fund", "funds.view_fund"),
    ):
        if getattr(obj, f"{name}_id", None) and not user.has_perm(
            perm, getattr(obj, name)
        ):
            return False
    return True


writes = is_coordinator | moderates_a_forum

rules.add_perm("reflections.view_reflection", can_read_internal_pred & sees_subject)
rules.add_perm("reflections.add_reflection", writes)
rules.add_perm("reflections.change_reflection", writes & sees_subject)
# Count an existing decision as an adaptation (the decision's page offers it).
rules.add_perm("reflections.link_decision", is_coordinator | is_forum_moderator)

"""Permissions of the compass app (docs/permissions.md, section "Compass").

Objects are a Municipality (lists, "add"), a TensionField or a Round.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import (
    can_read_internal_pred,
    is_coordinator,
    is_member,
)


@rules.predicate
def round_is_not_draft(user: Any, obj: Any = None) -> bool:
    return getattr(obj, "status", None) in ("open", "closed")


@rules.predicate
def round_is_open(user: Any, obj: Any = None) -> bool:
    return getattr(obj, "status", None) == "open"


rules.add_perm("compass.view_tensionfield", rules.always_allow)
rules.add_perm("compass.add_tensionfield", is_coordinator)
rules.add_perm("compass.change_tensionfield", is_coordinator)
rules.add_perm("compass.archive_tensionfield", is_coordinator)

# Results of open and closed rounds are public (aggregates only, small groups
# merged, docs/compass.md); drafts only for the coordination.
rules.add_perm("compass.view_round", round_is_not_draft | is_coordinator)
rules.add_perm("compass.add_round", is_coordinator)
rules.add_perm("compass.change_round", is_coordinator)
# Signed-in residents and every higher role of the municipality, while the round is
# open; one assessment per person, editable until the round closes.
rules.add_perm("compass.assess_round", is_member & round_is_open)
# The free-text comments (without names) for members and opted-in advisers.
rules.add_perm("compass.view_comments", can_read_internal_pred)
rules.add_perm("compass.put_on_agenda", is_coordinator)

"""Permissions of the support app (docs/permissions.md, "Quartiers-Check and
support offers").

Quartiers-Check: the team (partners, coordinators, admins of the municipality)
reads the rounds and answers; coordinators open and close rounds and confirm the
team result. Advisers read a round's team results only where the municipality
shares "support.check" with their organisation — never who answered what.

Support offers are public reading. The advisers maintain the state-wide catalogue;
the municipality's coordinators its local offers.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, is_partner
from quartier.core.sharing import adviser_may, is_active_adviser


@rules.predicate
def is_open_round(user: Any, obj: Any = None) -> bool:
    return bool(getattr(obj, "is_open", False))


@rules.predicate
def is_state_wide(user: Any, offer: Any = None) -> bool:
    return offer is not None and getattr(offer, "municipality_id", 0) is None


@rules.predicate
def is_adviser(user: Any, obj: Any = None) -> bool:
    """An active adviser (Fachberatung), whatever the municipalities share."""
    return is_active_adviser(user)


is_team = is_partner
shares_check = adviser_may("support.check")

rules.add_perm("support.view_checkround", is_team | shares_check)
rules.add_perm("support.view_answers", is_team)
rules.add_perm("support.answer_checkround", is_team & is_open_round)
rules.add_perm("support.confirm_checkround", is_coordinator & is_open_round)
rules.add_perm("support.add_checkround", is_coordinator)
rules.add_perm("support.close_checkround", is_coordinator & is_open_round)
rules.add_perm("support.change_nextstep", is_coordinator)

rules.add_perm("support.view_supportoffer", rules.always_allow)
rules.add_perm("support.add_supportoffer", is_coordinator)
rules.add_perm("support.add_state_offer", is_adviser)
rules.add_perm(
    "support.change_supportoffer",
    (is_state_wide & is_adviser) | (~is_state_wide & is_coordinator),
)

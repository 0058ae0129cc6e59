"""Permissions of the network analysis (docs/permissions.md, "Network analysis").

The full network (every actor, persons in intermediary roles included), its
snapshots, comparisons and the relationship survey are the coordination's working
material. The public page shows organisations only, and only when the
municipality switched it on (NetworkSetting.public_page).
"""

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, municipality_of


@rules.predicate
def public_network_on(user: Any, obj: Any = None) -> bool:
    from quartier.network.models import public_page_on

    return public_page_on(municipality_of(obj))


rules.add_perm("network.view_network", is_coordinator | public_network_on)
rules.add_perm("network.analyse_network", is_coordinator)
rules.add_perm("network.view_snapshot", is_coordinator)
rules.add_perm("network.view_surveyround", is_coordinator)
rules.add_perm("network.manage_surveys", is_coordinator)


@rules.predicate
def acts_for_participant(user: Any, participant: Any = None) -> bool:
    """Signed in and acting for the participating organisation (a member of it who
    is at least partner in the municipality)."""
    from quartier.actors.rules import is_actor_member

    return participant is not None and bool(
        is_actor_member.test(user, participant.actor)
    )


rules.add_perm("network.view_participant", acts_for_participant)

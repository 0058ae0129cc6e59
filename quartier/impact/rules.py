"""Permissions of the impact app (docs/permissions.md, section "Goals and impact").

Goals are public (a draft goal only for members and advisers); an impact model is as
visible as what it belongs to: its goal, or its initiative (initiatives.view_initiative).
Indicators and their measurements follow their model. Notes on recorded measurements
and who recorded them are internal: members of the municipality and advisers.
Only the coordination writes.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import can_read_internal_pred, is_coordinator, is_public


def _model_of(obj: Any) -> Any:
    if hasattr(obj, "impact_model_id"):
        return obj.impact_model
    if hasattr(obj, "indicator_id"):
        return obj.indicator.impact_model
    return obj


@rules.predicate
def sees_owner(user: Any, obj: Any = None) -> bool:
    """The impact model's goal or initiative is visible to the user."""
    model = _model_of(obj)
    if getattr(model, "goal_id", None):
        return bool(user.has_perm("impact.view_goal", model.goal))
    if getattr(model, "initiative_id", None):
        return bool(user.has_perm("initiatives.view_initiative", model.initiative))
    return True  # a municipality: lists


rules.add_perm("impact.view_goal", is_public | can_read_internal_pred)
rules.add_perm("impact.add_goal", is_coordinator)
rules.add_perm("impact.change_goal", is_coordinator)
rules.add_perm("impact.view_impactmodel", sees_owner)
rules.add_perm("impact.add_impactmodel", is_coordinator)
rules.add_perm("impact.change_impactmodel", is_coordinator)
rules.add_perm("impact.view_indicator", sees_owner)
rules.add_perm("impact.add_indicator", is_coordinator)
rules.add_perm("impact.change_indicator", is_coordinator)
rules.add_perm("impact.view_measurement", sees_owner)
rules.add_perm("impact.record_measurement", is_coordinator)
rules.add_perm("impact.compute_indicator", is_coordinator)
rules.add_perm("impact.view_measurement_note", can_read_internal_pred)

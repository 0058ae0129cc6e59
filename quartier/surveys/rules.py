"""Permissions of the surveys app (docs/permissions.md, section "Surveys").

Objects are a Municipality (for "add" and the list), a Survey, or a Question (which
leads to its survey).
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator


def _survey(obj: Any) -> Any:
    from quartier.surveys.models import Question, Survey

    if isinstance(obj, Survey):
        return obj
    if isinstance(obj, Question):
        return obj.survey
    return None


@rules.predicate
def is_published(user: Any, obj: Any = None) -> bool:
    survey = _survey(obj)
    return survey is not None and survey.is_published


@rules.predicate
def is_open(user: Any, obj: Any = None) -> bool:
    """Published, started and not closed."""
    survey = _survey(obj)
    return survey is not None and survey.is_open


@rules.predicate
def results_are_public(user: Any, obj: Any = None) -> bool:
    """Closed, or open and the coordination chose to show results while open."""
    survey = _survey(obj)
    return survey is not None and survey.results_public


rules.add_perm("surveys.view_survey", is_published | is_coordinator)
rules.add_perm("surveys.add_survey", is_coordinator)
rules.add_perm("surveys.change_survey", is_coordinator)
rules.add_perm("surveys.answer_survey", is_open)
rules.add_perm("surveys.view_results", results_are_public | is_coordinator)
rules.add_perm("surveys.view_question", is_published | is_coordinator)
rules.add_perm("surveys.change_question", is_coordinator)

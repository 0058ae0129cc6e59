"""Data suggestions for the Quartiers-Check: one registry (docs/support.md).

Wherever Quartier already knows the answer to a question of the check (the keys of
quartier/support/questions.py, e.g. "r1.forums"), the app that holds the data
registers a rule in its own `<app>/check_suggestions.py`:

    register("r2.low_threshold", share_without_account)

A rule takes the municipality and returns a `Suggestion` — a proposed value on the
4-step scale, the rule in words ("vorgeschlagen, weil …") and links to the evidence —
or None when the data says nothing (the module is not in use). The team confirms or
overrides every suggestion with a reason (support/services.py).

core never imports the apps: their modules are found by name, like Django's admin.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

from quartier.core.models import Municipality


@dataclass(frozen=True)
class Evidence:
    label: str
    url: str


@dataclass(frozen=True)
class Suggestion:
    value: int  # 1 (not begun) … 4 (firmly established)
    rule: str  # "vorgeschlagen, weil …": what was counted, in words
    evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.value not in (1, 2, 3, 4):
            raise ValueError(f"A suggestion is on the scale 1–4, not {self.value}")


Rule = Callable[[Municipality], Suggestion | None]


@dataclass(frozen=True)
class Registered:
    question: str
    rule: Rule
    source: str  # the module that registered it ("forums")


_RULES: dict[str, Registered] = {}
_discovered = False


def register(question: str, rule: Rule, *, source: str = "") -> None:
    """Add the rule for one question key (one rule per question)."""
    if question in _RULES and _RULES[question].rule is not rule:
        raise ValueError(f"A suggestion for {question} is registered twice")
    _RULES[question] = Registered(question, rule, source or rule.__module__)


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("check_suggestions")


def registered() -> dict[str, Registered]:
    _discover()
    return dict(_RULES)


def suggestions_for(municipality: Municipality) -> dict[str, Suggestion]:
    """Every question Quartier can suggest an answer to, from this municipality's
    data now."""
    found: dict[str, Suggestion] = {}
    for key, entry in registered().items():
        suggestion = entry.rule(municipality)
        if suggestion is not None:
            found[key] = suggestion
    return found


def scale_by_share(share: float, steps: tuple[float, float, float]) -> int:
    """1–4 from a share (or count): below steps[0] → 1, below steps[1] → 2, below
    steps[2] → 3, else 4."""
    value = 1
    for step in steps:
        if share >= step:
            value += 1
    return value


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "0 %"


def as_dicts(evidence: list[Evidence]) -> list[dict[str, Any]]:
    return [{"label": e.label, "url": e.url} for e in evidence]

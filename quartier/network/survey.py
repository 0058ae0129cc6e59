"""The relationship survey's scores (docs/network.md, "Relationship survey"), as
pure functions of answers: (respondent actor, partner actor, trust, value), where
trust and value are the means of an answer's three items (1–4).

- per tie (an unordered pair): the mean over both sides' answers about each other;
- per actor: the mean of what its partners answered about it;
- overall: the mean over all answers.

Fewer than MIN_RESPONDENTS answering actors: only the overall scores are shown,
so that no single actor's answers can be read off a tie or an actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from statistics import mean

MIN_RESPONDENTS = 3


@dataclass(frozen=True)
class Rated:
    respondent: Hashable
    partner: Hashable
    trust: float
    value: float


def _means(rows: list[Rated]) -> dict[str, float | int]:
    return {
        "trust": round(mean(r.trust for r in rows), 2),
        "value": round(mean(r.value for r in rows), 2),
        "answers": len(rows),
    }


def scores(answers: Iterable[Rated]) -> dict:
    rows = list(answers)
    respondents = {r.respondent for r in rows}
    result: dict = {
        "respondents": len(respondents),
        "overall": _means(rows) if rows else None,
        "detailed": len(respondents) >= MIN_RESPONDENTS,
        "ties": {},
        "actors": {},
    }
    if not result["detailed"]:
        return result
    by_tie: dict[frozenset, list[Rated]] = defaultdict(list)
    by_actor: dict[Hashable, list[Rated]] = defaultdict(list)
    for r in rows:
        by_tie[frozenset((r.respondent, r.partner))].append(r)
        by_actor[r.partner].append(r)
    result["ties"] = {pair: _means(found) for pair, found in by_tie.items()}
    result["actors"] = {actor: _means(found) for actor, found in by_actor.items()}
    return result

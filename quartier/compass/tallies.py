"""The kept counts of a round's answers (`Tally`): what the results and the trends
read instead of every position, so that a round of 10,000 assessments costs what a
round of 10 does (issue 19).

`record` changes them with every saved assessment (called by
`services.assessment_save` under the round's lock). `read` gives a round's rows and
builds them from the positions once when a round with assessments has none: rounds
from before the tallies, and rows written in bulk (the demo, the bench, tests).
`rebuild` counts them again after such a bulk write into a round that has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Value

from quartier.compass.models import SCALE_MAX, Assessment, Position, Round, Tally

SIZE = SCALE_MAX + 1

# An assessment's answers: {field id: (current, target, comment)}.
Answers = Mapping[int, tuple[int, int, str]]


def counts(values: list[int]) -> dict[int, int]:
    """A kept list of counts as {value: how many}, without the values nobody gave."""
    return {value: n for value, n in enumerate(values) if n}


def _row(round: Round, field_id: int | None, perspective: str) -> Tally:  # noqa: A002
    return Tally(
        round=round,
        municipality_id=round.municipality_id,
        field_id=field_id,
        perspective=perspective,
        current=[0] * SIZE,
        target=[0] * SIZE,
    )


def _build(round: Round) -> list[Tally]:  # noqa: A002
    """The round's rows counted from its positions (three grouped queries)."""
    positions = Position.objects.filter(assessment__round=round).order_by()
    keys = ("field_id", "assessment__perspective")
    rows: dict[tuple[int | None, str], Tally] = {}

    def row(field_id: int | None, perspective: str) -> Tally:
        key = (field_id, perspective)
        if key not in rows:
            rows[key] = _row(round, field_id, perspective)
        return rows[key]

    def counted(column: str, kind: int) -> Any:
        return (
            positions.annotate(kind=Value(kind), value=F(column))
            .values_list(*keys, "kind", "value")
            .annotate(n=Count("pk"), comments=Count("pk", filter=~Q(comment="")))
        )

    for field_id, perspective, kind, value, n, comments in counted("current", 0).union(
        counted("target", 1), all=True
    ):
        tally = row(field_id, perspective)
        (tally.current if kind == 0 else tally.target)[value] += n
        if kind == 0:
            tally.n += n
            tally.comments += comments
    for perspective, n in (
        Assessment.objects.filter(round=round)
        .order_by()
        .values_list("perspective")
        .annotate(n=Count("pk"))
    ):
        row(None, perspective).n = n
    return Tally.objects.bulk_create(rows.values())


def read(round: Round) -> list[Tally]:  # noqa: A002
    """The round's rows with answers (one query once they are kept)."""
    rows = [t for t in Tally.objects.filter(round=round) if t.n]
    if rows or not Assessment.objects.filter(round=round).exists():
        return rows
    return [t for t in rebuild(round) if t.n]


def read_many(rounds: Iterable[Round]) -> list[Tally]:
    """The field rows with answers of several rounds (one query once kept)."""
    rounds = list(rounds)
    rows = [
        t
        for t in Tally.objects.filter(
            round__in=[r.pk for r in rounds], field__isnull=False
        )
        if t.n
    ]
    kept = {t.round_id for t in rows}
    missing = [r for r in rounds if r.pk not in kept]
    if missing:
        answered = set(
            Assessment.objects.filter(round__in=[r.pk for r in missing])
            .values_list("round_id", flat=True)
            .distinct()
        )
        for r in missing:
            if r.pk in answered:
                rows += [t for t in rebuild(r) if t.n and t.field_id]
    return rows


def rebuild(round: Round) -> list[Tally]:  # noqa: A002
    """Count the round's rows afresh from its positions (under the round's lock;
    a reader that built them at the same moment wins)."""
    try:
        with transaction.atomic():
            Round.objects.select_for_update().filter(pk=round.pk).first()
            Tally.objects.filter(round=round).delete()
            return _build(round)
    except IntegrityError:
        return list(Tally.objects.filter(round=round))


def record(
    round: Round,  # noqa: A002
    before: tuple[str, Answers] | None,
    after: tuple[str, Answers],
) -> None:
    """Move one assessment's answers in the kept counts: out of `before`
    (perspective, answers; None for a new assessment), into `after`. Called under
    the round's lock; a round without rows is left to `read`."""
    rows = {
        (t.field_id, t.perspective): t
        for t in Tally.objects.filter(round=round).select_for_update()
    }
    if not rows:
        return
    changed: dict[tuple[int | None, str], Tally] = {}

    def row(field_id: int | None, perspective: str) -> Tally:
        key = (field_id, perspective)
        if key not in rows:
            rows[key] = _row(round, field_id, perspective)
        changed[key] = rows[key]
        return rows[key]

    for side, step in ((before, -1), (after, 1)):
        if side is None:
            continue
        perspective, answers = side
        row(None, perspective).n += step
        for field_id, (current, target, comment) in answers.items():
            tally = row(field_id, perspective)
            tally.n += step
            tally.comments += step if comment else 0
            tally.current[current] += step
            tally.target[target] += step
    new = [t for t in changed.values() if t.pk is None]
    Tally.objects.bulk_create(new)
    Tally.objects.bulk_update(
        [t for t in changed.values() if t.pk is not None],
        ["n", "comments", "current", "target"],
    )

"""The results of a compass round and the trends across rounds, read from the
database in a fixed number of queries and computed with quartier.compass.stats.

Small groups: a perspective with fewer than MIN_GROUP assessments of a field in a
round is not shown on its own (its answers count only in "all perspectives") and
does not enter the divergence, so nobody's position can be read off the results.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from quartier.compass import stats, tallies
from quartier.compass.models import (
    Assessment,
    Perspective,
    Position,
    Round,
    TensionField,
)

MIN_GROUP = 3
ALL = "all"

# Geometry of the Ist/Soll chart (one row per perspective, scale 0–100).
CHART_WIDTH = 640
CHART_LABEL = 190
CHART_RIGHT = 24
ROW = 26
CHART_TOP = 26


def x_of(value: float | None) -> float | None:
    if value is None:
        return None
    plot = CHART_WIDTH - CHART_LABEL - CHART_RIGHT
    return round(CHART_LABEL + plot * float(value) / 100, 1)


@dataclass
class Group:
    """The answers of one perspective (or of all) to one field."""

    key: str
    label: Any
    current: stats.Summary
    target: stats.Summary
    shown: bool = True

    @property
    def gap(self) -> float | None:
        return stats.gap(self.current.median, self.target.median)

    @property
    def n(self) -> int:
        return self.current.n


@dataclass
class ChartRow:
    label: Any
    y: float
    current_x: float | None
    target_x: float | None
    is_all: bool = False


@dataclass
class FieldResult:
    field: TensionField
    overall: Group
    groups: list[Group]
    # The comments shown (label, text): the newest COMMENTS_SHOWN; comment_count all.
    comments: list[tuple[Any, str]] = dc_field(default_factory=list)
    comment_count: int = 0

    @property
    def more_comments(self) -> int:
        return self.comment_count - len(self.comments)

    @property
    def shown_groups(self) -> list[Group]:
        return [g for g in self.groups if g.shown]

    @property
    def hidden_count(self) -> int:
        return sum(g.n for g in self.groups if not g.shown)

    @property
    def divergence_current(self) -> float | None:
        return stats.divergence([g.current.median for g in self.shown_groups])

    @property
    def divergence_target(self) -> float | None:
        return stats.divergence([g.target.median for g in self.shown_groups])

    @property
    def divergence(self) -> float | None:
        return stats.larger(self.divergence_current, self.divergence_target)

    @property
    def divergence_between(self) -> tuple[Any, Any] | None:
        """The two perspectives furthest apart (on Ist or Soll, whichever is larger)."""
        groups = self.shown_groups
        if len(groups) < 2 or self.divergence is None:
            return None
        use_target = (self.divergence_target or 0) > (self.divergence_current or 0)

        def key(g: Group) -> float:
            value = g.target.median if use_target else g.current.median
            return value if value is not None else 0.0

        ordered = sorted(groups, key=key)
        return ordered[0].label, ordered[-1].label

    @property
    def chart_rows(self) -> list[ChartRow]:
        rows = [self.overall, *self.shown_groups]
        return [
            ChartRow(
                label=g.label,
                y=CHART_TOP + i * ROW,
                current_x=x_of(g.current.median),
                target_x=x_of(g.target.median),
                is_all=g.key == ALL,
            )
            for i, g in enumerate(rows)
        ]

    @property
    def chart_height(self) -> int:
        return CHART_TOP + len(self.chart_rows) * ROW + 8


@dataclass
class RoundResult:
    round: Round
    fields: list[FieldResult]
    participants: int
    perspectives: list[tuple[Any, int]]

    @property
    def ranked(self) -> list[FieldResult]:
        """Talking points: fields by divergence, largest first (unknown last)."""
        return sorted(
            self.fields,
            key=lambda f: (f.divergence is None, -(f.divergence or 0), f.field.order),
        )

    def field(self, pk: int) -> FieldResult | None:
        return next((f for f in self.fields if f.field.pk == pk), None)

    chart_width = CHART_WIDTH
    chart_label = CHART_LABEL
    ticks = [(v, x_of(v)) for v in (0, 25, 50, 75, 100)]


PERSPECTIVE_ORDER = {value: i for i, value in enumerate(Perspective.values)}


# Per field, a member sees the newest COMMENTS_SHOWN comments and how many there are:
# a round with thousands of assessments would otherwise print every comment.
COMMENTS_SHOWN = 20

# (current, target) of one group: {value on the scale: how many answers}.
Counts = tuple[Mapping[int, int], Mapping[int, int]]


def _merged(groups: Iterable[Counts]) -> Counts:
    current: Counter[int] = Counter()
    target: Counter[int] = Counter()
    for c, t in groups:
        current.update(c)
        target.update(t)
    return current, target


def build_field(
    tension_field: TensionField,
    counted: Mapping[str, Counts],
    comments: Sequence[tuple[str, str]] = (),
    comment_count: int = 0,
) -> FieldResult:
    """`counted`: per perspective, how often each value was given for Ist and Soll;
    `comments`: (perspective, text) of the comments shown, `comment_count` all."""
    current, target = _merged(counted.values())
    overall = Group(
        ALL,
        _("All perspectives"),
        stats.summarise_counts(current),
        stats.summarise_counts(target),
    )
    labels = dict(Perspective.choices)
    groups = [
        Group(
            key,
            labels.get(key, key),
            stats.summarise_counts(c),
            stats.summarise_counts(t),
        )
        for key, (c, t) in sorted(
            counted.items(), key=lambda kv: PERSPECTIVE_ORDER.get(kv[0], 99)
        )
    ]
    for group in groups:
        group.shown = group.n >= MIN_GROUP
    result = FieldResult(tension_field, overall, groups)
    shown = {g.key for g in groups if g.shown}
    result.comments = [
        (labels.get(key, key) if key in shown else None, text) for key, text in comments
    ]
    result.comment_count = comment_count
    return result


def _newest_comments(
    round: Round,  # noqa: A002
    fields: int,
) -> dict[int, list[tuple[str, str]]]:
    """Up to COMMENTS_SHOWN comments per field from the round's newest ones: one
    query that walks the round's assessments from the newest and stops after
    COMMENTS_SHOWN × `fields` comments (ordered by the assessment's own key, which
    its round index serves without sorting every answer)."""
    # Django writes "-assessment__id" as the position's own column, which needs a
    # sort of every comment; the SQL here is two quoted names, no input.
    newest = RawSQL(_quoted(Assessment, "id"), ()).desc()  # noqa: S611
    rows = (
        Position.objects.filter(assessment__round=round)
        .exclude(comment="")
        .order_by(newest)
        .values_list("field_id", "assessment__perspective", "comment")[
            : COMMENTS_SHOWN * max(1, fields)
        ]
    )
    shown: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for field_id, perspective, comment in rows:
        if len(shown[field_id]) < COMMENTS_SHOWN:
            shown[field_id].append((perspective, comment))
    return shown


def _quoted(model: Any, column: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(column)}"


# The page of a field's comments lists this many at a time, newest first.
COMMENTS_PAGE = 50


def field_comments(
    round: Round,  # noqa: A002
    tension_field: TensionField,
    before: int | None = None,
) -> tuple[list[tuple[Any, str]], int | None]:
    """One page of a field's comments in a round, newest first, older than the
    assessment `before`: (label or None, text) and the cursor of the next page
    (None on the last). A perspective is named only where its group is shown on
    the results (MIN_GROUP answers to the field), as there."""
    answers = Position.objects.filter(assessment__round=round, field=tension_field)
    shown = {
        t.perspective
        for t in tallies.read(round)
        if t.field_id == tension_field.pk and t.n >= MIN_GROUP
    }
    rows = answers.exclude(comment="").order_by("-assessment_id")
    if before is not None:
        rows = rows.filter(assessment_id__lt=before)
    page = list(
        rows.values_list("assessment_id", "assessment__perspective", "comment")[
            : COMMENTS_PAGE + 1
        ]
    )
    labels = dict(Perspective.choices)
    comments = [
        (labels.get(key, key) if key in shown else None, text)
        for _id, key, text in page[:COMMENTS_PAGE]
    ]
    after = page[COMMENTS_PAGE - 1][0] if len(page) > COMMENTS_PAGE else None
    return comments, after


def compute_round(round: Round, with_comments: bool = False) -> RoundResult:  # noqa: A002
    """Every field's results in one round from its kept tallies (two queries, a
    third with comments): the same cost for 10 or 10,000 assessments."""
    per_field: dict[int, dict[str, Counts]] = defaultdict(dict)
    comment_counts: dict[int, int] = defaultdict(int)
    counts: list[tuple[str, int]] = []
    for tally in tallies.read(round):
        if tally.field_id is None:
            counts.append((tally.perspective, tally.n))
            continue
        per_field[tally.field_id][tally.perspective] = (
            tallies.counts(tally.current),
            tallies.counts(tally.target),
        )
        comment_counts[tally.field_id] += tally.comments
    fields = list(
        TensionField.objects.of(round.municipality).filter(
            Q(archived_at__isnull=True) | Q(pk__in=list(per_field))
        )
    )
    with_any = with_comments and any(comment_counts.values())
    comments = _newest_comments(round, len(fields)) if with_any else {}
    labels = dict(Perspective.choices)
    perspectives = sorted(counts, key=lambda kv: PERSPECTIVE_ORDER.get(kv[0], 99))
    return RoundResult(
        round=round,
        fields=[
            build_field(
                f,
                per_field.get(f.pk, {}),
                comments.get(f.pk, []),
                comment_counts.get(f.pk, 0) if with_comments else 0,
            )
            for f in fields
        ],
        participants=sum(n for _, n in perspectives),
        perspectives=[(labels.get(k, k), n) for k, n in perspectives],
    )


# --- Trends ------------------------------------------------------------------

TREND_WIDTH = 640
TREND_HEIGHT = 180
TREND_LEFT = 40
TREND_RIGHT = 20
TREND_TOP = 14
TREND_BOTTOM = 34


@dataclass
class TrendPoint:
    round: Round
    n: int
    current: float | None
    target: float | None
    x: float = 0.0
    current_y: float | None = None
    target_y: float | None = None
    # The round's name under the axis: the first starts at its point and the last
    # ends at it, so neither is cut off at the edge of the chart.
    anchor: str = "middle"


@dataclass
class FieldTrend:
    field: TensionField
    points: list[TrendPoint]

    def _line(self, attr: str) -> str:
        return " ".join(
            f"{p.x},{getattr(p, attr)}"
            for p in self.points
            if getattr(p, attr) is not None
        )

    @property
    def current_line(self) -> str:
        return self._line("current_y")

    @property
    def target_line(self) -> str:
        return self._line("target_y")

    width = TREND_WIDTH
    height = TREND_HEIGHT
    left = TREND_LEFT
    axis_y = TREND_HEIGHT - TREND_BOTTOM

    @property
    def grid(self) -> list[tuple[int, float | None]]:
        return [(v, _y(v)) for v in (0, 50, 100)]


EMPTY: Counts = ({}, {})


def _y(value: float | None) -> float | None:
    if value is None:
        return None
    plot = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    return round(TREND_TOP + plot * (1 - float(value) / 100), 1)


def compute_trends(municipality: Any, rounds: Iterable[Round]) -> list[FieldTrend]:
    """The median Ist and Soll (all perspectives) of every field in every round,
    oldest round first (two queries; from tallies, see compute_round)."""
    rounds = sorted(rounds, key=lambda r: (r.opened_at or r.created_at, r.pk))
    values: dict[tuple[int, int | None], Counts] = {}
    merged: dict[tuple[int, int | None], list[Counts]] = defaultdict(list)
    for tally in tallies.read_many(rounds):
        merged[(tally.round_id, tally.field_id)].append(
            (tallies.counts(tally.current), tallies.counts(tally.target))
        )
    values = {key: _merged(groups) for key, groups in merged.items()}
    seen = {field_id for _, field_id in values}
    fields = TensionField.objects.of(municipality).filter(
        Q(archived_at__isnull=True) | Q(pk__in=seen)
    )
    plot = TREND_WIDTH - TREND_LEFT - TREND_RIGHT
    step = plot / max(1, len(rounds) - 1)
    trends = []
    for tension_field in fields:
        points = []
        for i, r in enumerate(rounds):
            currents, targets = values.get((r.pk, tension_field.pk), EMPTY)
            current = stats.summarise_counts(currents)
            point = TrendPoint(
                round=r,
                n=current.n,
                current=current.median,
                target=stats.summarise_counts(targets).median,
                x=round(TREND_LEFT + (i * step if len(rounds) > 1 else plot / 2), 1),
            )
            point.current_y = _y(point.current)
            point.target_y = _y(point.target)
            if len(rounds) > 1 and i == 0:
                point.anchor = "start"
            elif len(rounds) > 1 and i == len(rounds) - 1:
                point.anchor = "end"
            points.append(point)
        trends.append(FieldTrend(tension_field, points))
    return trends

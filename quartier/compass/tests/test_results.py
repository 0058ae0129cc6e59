"""Results of a round: per perspective, small groups merged, divergence, ranking."""

import pytest

from quartier.compass.models import TensionField
from quartier.compass.results import compute_round, compute_trends
from quartier.compass.tests.factories import RoundFactory, assess

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(municipality):
    round = RoundFactory(municipality=municipality, status="closed")
    fields = list(TensionField.objects.of(municipality))
    a, b = fields[0], fields[1]
    # Field a: administration 20/30/40, residents 60/70/80, politics 0/100 (small).
    for value in (20, 30, 40):
        assess(
            round, "administration", {a: (value, 50, "Zu viel Vorgabe"), b: (50, 50)}
        )
    for value in (60, 70, 80):
        assess(round, "residents", {a: (value, 90), b: (55, 60)})
    assess(round, "politics", {a: (0, 0), b: (50, 50)})
    assess(round, "politics", {a: (100, 100), b: (50, 50)})
    return round, a, b


def test_medians_spread_and_gap_per_perspective(world):
    round, a, _b = world
    fr = compute_round(round).field(a.pk)
    assert fr.overall.n == 8
    # all Ist values sorted: 0 20 30 40 60 70 80 100 → median (40 + 60) / 2
    assert fr.overall.current.median == 50
    groups = {g.key: g for g in fr.groups}
    assert groups["administration"].current.median == 30
    assert groups["administration"].current.iqr == 10  # Q1 25, Q3 35
    assert groups["administration"].gap == 20
    assert groups["residents"].current.median == 70
    assert groups["residents"].gap == 20


def test_small_groups_are_hidden_and_left_out_of_the_divergence(world):
    round, a, _b = world
    fr = compute_round(round).field(a.pk)
    groups = {g.key: g for g in fr.groups}
    assert groups["politics"].shown is False
    assert fr.hidden_count == 2
    assert [g.key for g in fr.shown_groups] == ["administration", "residents"]
    assert fr.divergence_current == 40  # 70 − 30, not 100 − 0 of the small group
    assert fr.divergence_target == 40  # 90 − 50
    assert fr.divergence == 40


def test_fields_are_ranked_by_divergence(world):
    round, a, b = world
    result = compute_round(round)
    assert result.ranked[0].field == a
    assert result.ranked[1].field == b  # divergence 10 on Soll (60 − 50)
    assert result.field(b.pk).divergence == 10
    assert result.participants == 8


def test_comments_carry_the_perspective_only_of_large_groups(world):
    round, a, _b = world
    fr = compute_round(round, with_comments=True).field(a.pk)
    assert fr.comments and all(text == "Zu viel Vorgabe" for _l, text in fr.comments)
    assert compute_round(round).field(a.pk).comments == []


def test_trends_give_the_median_of_every_round(world, municipality):
    first, a, _b = world
    second = RoundFactory(municipality=municipality, status="open")
    for value in (10, 20, 30):
        assess(second, "residents", {a: (value, 100)})
    trend = next(
        t for t in compute_trends(municipality, [second, first]) if t.field == a
    )
    assert [(p.round, p.current, p.target) for p in trend.points] == [
        (first, 50, 70),  # Soll sorted 0 50 50 50 90 90 90 100 → (50 + 90) / 2
        (second, 20, 100),
    ]
    assert trend.current_line.count(",") == 2


@pytest.mark.parametrize("count", [1, 2, 4])
def test_every_round_name_under_the_trend_axis_fits_in_the_chart(municipality, count):
    from quartier.compass.results import TREND_WIDTH

    for i in range(count):
        RoundFactory(municipality=municipality, title=f"Herbst {2023 + i}")
    from quartier.compass.models import Round

    rounds = list(Round.objects.of(municipality))
    trend = compute_trends(municipality, rounds)[0]
    # 13 px labels: a character is at most ~8 px wide.
    for point in trend.points:
        width = 8 * len(point.round.title)
        left = {
            "start": point.x,
            "middle": point.x - width / 2,
            "end": point.x - width,
        }[point.anchor]
        assert 0 <= left and left + width <= TREND_WIDTH, point.round.title

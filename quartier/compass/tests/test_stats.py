"""The compass statistics against values computed by hand (docs/compass.md)."""

import random
import statistics

import pytest

from quartier.compass import stats


def test_median_of_nothing_is_unknown_not_zero():
    assert stats.median([]) is None
    assert stats.summarise([]).median is None
    assert stats.summarise([]).iqr is None
    assert stats.summarise([]).n == 0


def test_median_of_a_single_value_is_that_value():
    s = stats.summarise([42])
    assert (s.median, s.q1, s.q3, s.iqr, s.minimum, s.maximum) == (
        42,
        42,
        42,
        0,
        42,
        42,
    )


def test_median_of_an_odd_count_is_the_middle_value():
    # sorted: 10 20 30 70 90 → middle 30
    assert stats.median([90, 10, 30, 70, 20]) == 30


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_values():
    # sorted: 10 20 35 90 → (20 + 35) / 2 = 27.5
    assert stats.median([35, 90, 10, 20]) == 27.5


def test_ties():
    # sorted: 1 5 5 5 → (5 + 5) / 2
    assert stats.median([5, 1, 5, 5]) == 5
    s = stats.summarise([50, 50, 50])
    assert (s.q1, s.q3, s.iqr) == (50, 50, 0)


def test_quartiles_of_four_values_by_hand():
    # n = 4: Q1 at h = 3 · 0.25 = 0.75 → 1 + 0.75 · (2 − 1) = 1.75
    #        Q3 at h = 3 · 0.75 = 2.25 → 3 + 0.25 · (4 − 3) = 3.25
    s = stats.summarise([4, 2, 3, 1])
    assert s.q1 == pytest.approx(1.75)
    assert s.q3 == pytest.approx(3.25)
    assert s.iqr == pytest.approx(1.5)
    assert s.median == 2.5


def test_quartiles_of_five_values_fall_on_values():
    # n = 5: h = 1 and h = 3 → the 2nd and 4th sorted values
    s = stats.summarise([50, 10, 40, 20, 30])
    assert (s.q1, s.median, s.q3, s.iqr) == (20, 30, 40, 20)
    assert (s.minimum, s.maximum) == (10, 50)


def test_two_extremes():
    s = stats.summarise([0, 100])
    assert (s.q1, s.median, s.q3, s.iqr) == (25, 50, 75, 50)


def test_quartiles_agree_with_pythons_inclusive_method():
    rng = random.Random(7)
    for _ in range(200):
        values = [rng.randint(0, 100) for _ in range(rng.randint(2, 30))]
        q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
        s = stats.summarise(values)
        assert s.q1 == pytest.approx(q1)
        assert s.median == pytest.approx(q2)
        assert s.q3 == pytest.approx(q3)


def test_quantile_rejects_p_outside_zero_to_one():
    with pytest.raises(ValueError):
        stats.quantile([1, 2], 1.5)


def test_gap_is_target_minus_current():
    assert stats.gap(30, 70) == 40
    assert stats.gap(70, 30) == -40
    assert stats.gap(None, 30) is None


def test_divergence_is_the_largest_difference_between_medians():
    assert stats.divergence([30, None, 70, 55]) == 40
    assert stats.divergence([30]) is None
    assert stats.divergence([]) is None
    assert stats.divergence([None, None]) is None


def test_larger_of_two_optional_numbers():
    assert stats.larger(3, 5) == 5
    assert stats.larger(None, 5) == 5
    assert stats.larger(3, None) == 3
    assert stats.larger(None, None) is None


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 7, 10, 101, 1000])
def test_a_tally_gives_the_same_summary_as_the_values_written_out(size):
    rng = random.Random(size)
    values = [rng.randint(0, 100) for _ in range(size)]
    tally: dict[int, int] = {}
    for value in values:
        tally[value] = tally.get(value, 0) + 1
    tally[55] = tally.get(55, 0)  # a value nobody gave changes nothing
    assert stats.summarise_counts(tally) == stats.summarise(values)

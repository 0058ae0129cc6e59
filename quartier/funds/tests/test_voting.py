"""The jury result as a pure function: quorum and every majority rule, with ties
and abstentions."""

import pytest

from quartier.funds.voting import tally


def result(choices, rule="simple", quorum=3, entitled=7):
    return tally(choices.split(), quorum=quorum, rule=rule, entitled=entitled)


def test_without_the_quorum_nothing_passes():
    outcome = result("yes yes", quorum=3)
    assert not outcome.quorum_reached
    assert not outcome.approved


def test_abstentions_count_towards_the_quorum():
    outcome = result("yes abstain abstain", quorum=3)
    assert outcome.quorum_reached
    assert outcome.approved  # 1 yes > 0 no under the simple majority


@pytest.mark.parametrize(
    ("choices", "approved"),
    [
        ("yes yes no", True),
        ("yes no abstain", False),  # tie: rejected
        ("yes yes no no", False),  # tie: rejected
        ("no no yes", False),
        ("yes abstain abstain abstain", True),
        ("abstain abstain abstain", False),  # nobody for it
    ],
)
def test_simple_majority_of_yes_over_no(choices, approved):
    assert result(choices, "simple").approved is approved


@pytest.mark.parametrize(
    ("choices", "entitled", "approved"),
    [
        ("yes yes yes yes", 7, True),  # 4 of 7
        ("yes yes yes no", 7, False),  # 3 of 7 is not more than half
        ("yes yes yes abstain abstain abstain", 7, False),
        ("yes yes yes", 6, False),  # a tie of the jury: 3 of 6
        ("yes yes yes", 5, True),  # two conflicted members leave 5
    ],
)
def test_absolute_majority_of_the_jury(choices, entitled, approved):
    assert result(choices, "absolute", entitled=entitled).approved is approved


@pytest.mark.parametrize(
    ("choices", "approved"),
    [
        ("yes yes no", True),  # exactly two thirds
        ("yes yes no no", False),
        ("yes yes yes no", True),
        ("yes yes no abstain abstain", True),  # abstentions are not votes cast
        ("abstain abstain abstain", False),
    ],
)
def test_two_thirds_of_the_votes_cast(choices, approved):
    assert result(choices, "two_thirds").approved is approved


def test_the_explanation_names_the_counts():
    outcome = result("yes yes no abstain")
    assert outcome.counts == {"yes": 2, "no": 1, "abstain": 1}
    assert outcome.taking_part == 4
    assert "2" in outcome.explanation


def test_an_unknown_rule_is_an_error():
    with pytest.raises(ValueError):
        result("yes yes yes", "lottery")

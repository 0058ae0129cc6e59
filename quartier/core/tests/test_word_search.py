"""core/word_search.py: the one way Quartier's server-matched search fields read
their text (every word, at most five, in one of the fields; a number too)."""

import pytest

from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory
from quartier.core.word_search import every_word, words_of
from quartier.forums.models import Decision
from quartier.forums.tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def test_words_are_split_at_spaces_at_most_five_and_without_nul():
    assert words_of("  Sport\tverein  Sonnen\x00berg ") == [
        "Sport",
        "verein",
        "Sonnenberg",
    ]
    assert words_of("a b c d e f g") == ["a", "b", "c", "d", "e"]
    assert words_of(None) == []


def test_every_word_must_occur_in_one_of_the_fields(municipality):
    make = ActorFactory.create
    make(municipality=municipality, name="Sportverein Sonnenberg", description="")
    make(municipality=municipality, name="Sportbund", description="in Sonnenberg")
    make(municipality=municipality, name="Elterncafé", description="")
    actors = Actor.objects.filter(municipality=municipality)

    def names(qs):
        return sorted(qs.values_list("name", flat=True))

    assert names(every_word(actors, "sport SONNENBERG", "name")) == [
        "Sportverein Sonnenberg"
    ]
    assert names(every_word(actors, "sport sonnenberg", "name", "description")) == [
        "Sportbund",
        "Sportverein Sonnenberg",
    ]
    assert names(every_word(actors, "", "name")) == names(actors)  # nothing typed
    assert not every_word(actors, "sport x\x00y", "name").exists()


def test_a_word_of_digits_also_matches_the_number():
    first = DecisionFactory(number=14, text="Spielplatz Süd")
    DecisionFactory(number=15, text="Haushalt 14")
    decisions = Decision.objects.all()
    both = every_word(decisions, "14", "text", number_field="number")
    assert both.count() == 2
    assert list(
        every_word(decisions, "14 Spielplatz", "text", number_field="number")
    ) == [first]
    # A number too long for the field, and non-ASCII digits, are text only.
    assert not every_word(decisions, "9" * 30 + " ²", "text", number_field="number")

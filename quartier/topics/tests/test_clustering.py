"""The clustering pipeline on a small labelled corpus whose grouping is obvious
(corpus.py): the expected groups, the same result twice, stemming, stop words and
the choice of k by the silhouette score."""

from __future__ import annotations

import pytest
from sklearn.metrics import adjusted_rand_score

from quartier.topics.clustering import (
    MIN_TEXTS,
    Analyzer,
    TooFewTexts,
    candidate_ks,
    cluster_texts,
)
from quartier.topics.stopwords import GERMAN_STOP_WORDS
from quartier.topics.tests.corpus import LABELS, TEXTS


def _labels(result, n):
    found = [-1] * n
    for number, cluster in enumerate(result.clusters):
        for index in cluster.members:
            found[index] = number
    return found


def test_the_labelled_corpus_falls_into_its_three_groups():
    result = cluster_texts(TEXTS)
    assert adjusted_rand_score(LABELS, _labels(result, len(TEXTS))) == 1.0
    names = {cluster.terms[0] for cluster in result.clusters} | {
        cluster.terms[1] for cluster in result.clusters
    }
    assert {"Spielplatz", "Kinder", "Bus", "Haltestelle", "Nachbarn", "Fest"} <= names
    assert [cluster.size for cluster in result.clusters] == [10, 10, 10]


def test_silhouette_picks_three_clusters():
    result = cluster_texts(TEXTS)
    assert result.k == 3
    assert set(result.scores) == set(candidate_ks(len(TEXTS)))
    assert result.scores[3] == max(result.scores.values())
    assert result.silhouette == pytest.approx(result.scores[3], abs=1e-4)


def test_the_same_input_gives_the_same_clusters():
    first, second = cluster_texts(TEXTS), cluster_texts(TEXTS)
    assert [(c.terms, c.members, c.typical) for c in first.clusters] == [
        (c.terms, c.members, c.typical) for c in second.clusters
    ]
    assert first.silhouette == second.silhouette


def test_typical_texts_are_three_members_of_their_cluster():
    for cluster in cluster_texts(TEXTS).clusters:
        assert len(cluster.typical) == 3
        assert set(cluster.typical) <= set(cluster.members)
        assert len({LABELS[i] for i in cluster.typical}) == 1


def test_stemming_merges_inflected_forms_and_names_them_as_written():
    analyzer = Analyzer()
    stems = analyzer(
        "Spielplatz, Spielplätze, des Spielplatzes; Kinder und Kindern; Haltestellen"
    )
    assert stems.count(analyzer.stem("Spielplatz")) == 3
    assert stems.count(analyzer.stem("Kinder")) == 2
    assert analyzer.stem("Haltestellen") == analyzer.stem("Haltestelle")
    # Named by the form people wrote most often, not by the stem.
    analyzer("Der Spielplatz")
    assert analyzer.form_of(analyzer.stem("Spielplätze")) == "Spielplatz"


def test_stop_words_and_numbers_are_not_counted():
    analyzer = Analyzer()
    stems = analyzer("Und wir haben dort 2024 immer noch keinen Bus, oder?")
    assert stems == [analyzer.stem("Bus")]
    assert {"und", "der", "die", "das", "wir", "nicht"} <= GERMAN_STOP_WORDS


def test_stop_words_never_name_a_cluster():
    words = {word.lower() for c in cluster_texts(TEXTS).clusters for word in c.terms}
    assert not words & GERMAN_STOP_WORDS


def test_k_stays_within_two_to_twelve_and_n_over_five():
    assert candidate_ks(MIN_TEXTS - 1) == []
    assert candidate_ks(MIN_TEXTS) == [2]
    assert candidate_ks(32) == [2, 3, 4, 5, 6]
    assert candidate_ks(10_000)[-1] == 12


def test_too_few_texts_are_refused():
    with pytest.raises(TooFewTexts):
        cluster_texts(TEXTS[: MIN_TEXTS - 1])
    with pytest.raises(TooFewTexts):  # words, but none shared by two texts
        cluster_texts([f"Einzelwort{chr(97 + i)}" for i in range(20)])


def test_texts_without_shared_words_are_left_out():
    texts = [*TEXTS, "und oder aber", "Quittengelee"]
    result = cluster_texts(texts)
    assert result.left_out == [len(TEXTS), len(TEXTS) + 1]
    assert adjusted_rand_score(LABELS, _labels(result, len(TEXTS))) == 1.0


def test_progress_is_reported_up_to_100():
    seen = []
    cluster_texts(TEXTS, progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 100 and seen[0] > 0

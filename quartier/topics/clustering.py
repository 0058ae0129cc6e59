"""Clusters of short German texts, computed on this server (docs/topics.md).

The pipeline, in plain words: each text is cut into words; common words (stop words,
see stopwords.py) are dropped; each word is cut back to its stem with the German
Snowball stemmer, so "Spielplatz", "Spielplätze" and "Spielplatzes" count as one;
words are weighted by TF-IDF (often in this text, rare in the others); k-means groups
the texts for every k from 2 to min(12, n/5), and the k whose grouping separates best
(the highest silhouette score) wins. A cluster is named by the stems that weigh most
in its centre — each shown as the word form most often written — and its typical
texts are the three closest to that centre.

Nothing here knows Django: the input is a list of texts, the output indices into
it, so tests and the benchmark can call it directly. The result depends only on the
input and its order (fixed random states).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import snowballstemmer

from quartier.topics.stopwords import GERMAN_STOP_WORDS

if TYPE_CHECKING:
    import numpy as np

RANDOM_STATE = 2024
MAX_K = 12
# At least this many texts per cluster on average: k ≤ n / TEXTS_PER_CLUSTER.
TEXTS_PER_CLUSTER = 5
MIN_TEXTS = 2 * TEXTS_PER_CLUSTER
# The silhouette score is computed on a sample of this many texts at most.
SILHOUETTE_SAMPLE = 2000
TOP_TERMS = 5
TYPICAL = 3

# Words of letters (German ones included), at least three long; digits, numbers and
# punctuation do not name a topic.
WORD = re.compile(r"[^\W\d_]{3,}")


class TooFewTexts(ValueError):
    """Not enough texts (or words) to form two clusters."""


@dataclass
class Cluster:
    terms: list[str]
    members: list[int]
    typical: list[int]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Result:
    k: int
    silhouette: float
    clusters: list[Cluster]
    # Silhouette score of every k tried, for the explanation on the page.
    scores: dict[int, float] = field(default_factory=dict)
    # Indices of texts without a single counted word (not in any cluster).
    left_out: list[int] = field(default_factory=list)


class Analyzer:
    """Text → stems without stop words; remembers, for each stem, how often each
    written form occurred, so clusters can be named in words people wrote."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("german")
        self._stems: dict[str, str] = {}
        self.forms: dict[str, Counter[str]] = {}

    def stem(self, word: str) -> str:
        lower = word.lower()
        stem = self._stems.get(lower)
        if stem is None:
            stem = self._stemmer.stemWord(lower)
            self._stems[lower] = stem
        return stem

    def __call__(self, text: str) -> list[str]:
        stems = []
        for word in WORD.findall(text):
            if word.lower() in GERMAN_STOP_WORDS:
                continue
            stem = self.stem(word)
            self.forms.setdefault(stem, Counter())[word] += 1
            stems.append(stem)
        return stems

    def form_of(self, stem: str) -> str:
        """The word form most often written for `stem` (ties: alphabetical)."""
        counts = self.forms.get(stem)
        if not counts:
            return stem
        return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def candidate_ks(n: int) -> list[int]:
    return list(range(2, min(MAX_K, n // TEXTS_PER_CLUSTER) + 1))


def cluster_texts(
    texts: Sequence[str], progress: Callable[[int], None] | None = None
) -> Result:
    """Cluster `texts`; `progress(percent)` is called as the work goes on.

    Raises TooFewTexts when there are fewer than MIN_TEXTS texts with words.
    """

    # Imported here: scikit-learn takes seconds to load, and only runs need it (not
    # every process that shows a page).
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import silhouette_score

    def report(percent: int) -> None:
        if progress is not None:
            progress(percent)

    analyzer = Analyzer()
    tokens = [analyzer(text) for text in texts]
    kept = [i for i, words in enumerate(tokens) if words]
    if not candidate_ks(len(kept)):
        raise TooFewTexts(len(kept))
    vectorizer = TfidfVectorizer(
        analyzer=lambda index: tokens[index],
        # A word only one text uses cannot bind texts into a group; it would only
        # push every text away from every other.
        min_df=2,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(kept)
    except ValueError as exc:  # no word occurs twice
        raise TooFewTexts(len(kept)) from exc
    # Texts whose every word is unique to them have no place in any group.
    has_words = np.diff(matrix.indptr) > 0
    matrix = matrix[has_words]
    kept = [index for index, keep in zip(kept, has_words, strict=True) if keep]
    left_out = sorted(set(range(len(texts))) - set(kept))
    ks = candidate_ks(len(kept))
    if not ks:
        raise TooFewTexts(len(kept))
    report(10)

    best: tuple[float, int, np.ndarray, np.ndarray] | None = None
    scores: dict[int, float] = {}
    sample = SILHOUETTE_SAMPLE if len(kept) > SILHOUETTE_SAMPLE else None
    for step, k in enumerate(ks, start=1):
        model = KMeans(n_clusters=k, n_init=3, random_state=RANDOM_STATE)
        with warnings.catch_warnings():
            # Many identical texts give fewer distinct points than k: allowed.
            warnings.simplefilter("ignore", ConvergenceWarning)
            labels = model.fit_predict(matrix)
        if len(set(labels.tolist())) < 2:
            score = -1.0
        else:
            score = float(
                silhouette_score(
                    matrix, labels, sample_size=sample, random_state=RANDOM_STATE
                )
            )
        scores[k] = round(score, 4)
        # Strictly better only: on a tie the smaller k (the simpler answer) stays.
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels, model.cluster_centers_)
        report(10 + int(85 * step / len(ks)))
    if best is None:  # ks is never empty here
        raise TooFewTexts(len(kept))
    score, k, labels, centers = best

    stems = vectorizer.get_feature_names_out()
    clusters = []
    for number in range(k):
        rows = np.flatnonzero(labels == number)
        if not len(rows):
            continue
        center = centers[number]
        top = [i for i in np.argsort(-center, kind="stable")[:TOP_TERMS] if center[i]]
        # Closest to the centre: the largest dot product with it (rows have length 1).
        closeness = np.asarray(matrix[rows] @ center).ravel()
        order = rows[np.argsort(-closeness, kind="stable")]
        clusters.append(
            Cluster(
                terms=[analyzer.form_of(str(stems[i])) for i in top],
                members=[kept[i] for i in rows],
                typical=[kept[i] for i in order[:TYPICAL]],
            )
        )
    clusters.sort(key=lambda c: (-c.size, c.members[0]))
    report(100)
    return Result(
        k=k, silhouette=score, clusters=clusters, scores=scores, left_out=left_out
    )

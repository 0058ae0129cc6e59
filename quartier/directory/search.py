"""Free-text search over offerings: one function, two databases.

PostgreSQL: full-text search with the German configuration over name and
description (stemming: "Sport" matches "Sportgruppe" only through the prefix match
below, "Bewegungen" matches "Bewegung" through the stemmer), plus the names of the
offering's taxonomy terms, so "Bewegung" finds offerings tagged with that topic.
SQLite (development, most tests): case-insensitive substring search over the same
fields with a crude German stem of each word (common suffixes stripped).
Every word must match (AND); results are ranked on PostgreSQL.

`list_keys(text)` is the order of the list for `quartier.core.pagination`
(keyset pages): by name (and id) — on PostgreSQL a search goes by rank first.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from quartier.core.pagination import Key

# The directory's order: by name, the id as tiebreak (index
# directory_service_list_order); a search on PostgreSQL by rank first.
NAME_ORDER = (Key("name", descending=False), Key("id", descending=False))
RANK_ORDER = (Key("_rank"), *NAME_ORDER)

_WORD = re.compile(r"\w+", re.UNICODE)
# Longest first; a stem keeps at least four letters.
_SUFFIXES = sorted(
    [
        "ungen",
        "ung",
        "en",
        "er",
        "es",
        "em",
        "ern",
        "e",
        "n",
        "s",
        "gruppe",
        "gruppen",
        "kurs",
        "kurse",
        "lich",
        "heit",
        "keit",
    ],
    key=len,
    reverse=True,
)


def words_of(text: str) -> list[str]:
    return [w for w in _WORD.findall((text or "").lower()) if len(w) >= 2][:8]


def german_stem(word: str) -> str:
    """A crude stem: "Bewegungen" → "beweg", "Sportgruppe" → "sport", "Sport" → "sport"."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _term_match(word: str) -> Any:
    from quartier.directory.models import Service

    through = Service.terms.through
    return Exists(
        through.objects.filter(service_id=OuterRef("pk")).filter(
            Q(taxonomyterm__name__icontains=word)
            | Q(taxonomyterm__code__icontains=word)
        )
    )


def _search_simple(queryset: QuerySet, words: list[str]) -> QuerySet:
    for word in words:
        stem = german_stem(word)
        queryset = queryset.filter(
            Q(name__icontains=stem) | Q(description__icontains=stem) | _term_match(stem)
        )
    return queryset


def _search_postgres(queryset: QuerySet, words: list[str]) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("name", weight="A", config="german") + SearchVector(
        "description", weight="B", config="german"
    )
    queries = []
    for word in words:
        # Prefix match on the stem: "sport:*" finds "Sportgruppe".
        stem = re.sub(r"[^\w]", "", german_stem(word))
        queries.append(SearchQuery(f"{stem}:*", search_type="raw", config="german"))
    combined = queries[0]
    for query in queries[1:]:
        combined = combined | query
    queryset = queryset.annotate(_search=vector, _rank=SearchRank(vector, combined))
    # Each word must match in the text or in a topic / target group name.
    for word, query in zip(words, queries, strict=True):
        queryset = queryset.filter(Q(_search=query) | _term_match(german_stem(word)))
    return queryset.order_by("-_rank", "name", "id")


def search_services(queryset: QuerySet, text: str) -> QuerySet:
    """Offerings of `queryset` matching the free text `text` (all words)."""
    words = words_of(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, words)
    return _search_simple(queryset, words)


def list_keys(text: str) -> tuple[Key, ...]:
    """The order of the offerings that `search_services(…, text)` returns, as keys
    of a keyset page."""
    if words_of(text) and connection.vendor == "postgresql":
        return RANK_ORDER
    return NAME_ORDER

"""Free-text search over offerings: one function, two databases.

PostgreSQL: full-text search with the German configuration over name and
description (stemming: "Sport" matches "Sportgruppe" only through the prefix match
below, "Bewegungen" matches "Bewegung" through the stemmer), plus the names of the
offering's taxonomy terms, so "Bewegung" finds offerings tagged with that topic.
The text's search vector is kept by PostgreSQL with each row (a stored generated
column with a GIN index, migration 0011).
SQLite (development, most tests): case-insensitive substring search over the same
fields with a crude German stem of each word (common suffixes stripped).
Every word must match (AND).

Results are listed by name (and id) like the directory itself, on both databases:
`NAME_ORDER` is the order for `quartier.core.pagination` (keyset pages). The list
is read along the index in name order and stops after a page, however many
offerings match. A rank by relevance would have to score every match first: 20 ms
for the 5,000 matches of "Bewegung" among 20,000 offerings (docs/benchmarks.md,
Session 10); more words and the filters narrow a search instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Col

from quartier.core.pagination import Key

if TYPE_CHECKING:
    from quartier.core.models import Municipality

# The directory's order, with or without a search: by name, the id as tiebreak
# (index directory_service_list_order).
NAME_ORDER = (Key("name", descending=False), Key("id", descending=False))

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


def _term_ids(stem: str, municipality_id: int) -> QuerySet:
    """The municipality's offerings with a topic or target group whose name or code
    contains `stem`: on PostgreSQL a set built once per search (a hash), not a test
    per row. The few matching terms come first, then their offerings by the term's
    index."""
    from quartier.directory.models import Service, TaxonomyTerm

    terms = TaxonomyTerm.objects.filter(
        Q(name__icontains=stem) | Q(code__icontains=stem),
        municipality_id=municipality_id,
    )
    # The terms are the municipality's own: so are their links (and the key would
    # lead SQLite to read every link of the municipality).
    return Service.terms.through.objects.filter(
        taxonomyterm__in=terms.values("pk")
    ).values("service_id")


def _term_match(stem: str) -> Exists:
    """The offering (of the outer row) has a topic or target group whose name or
    code contains `stem`: on SQLite a lookup per row, which the list, read in name
    order, makes only until a page is full."""
    from quartier.directory.models import Service

    return Exists(
        Service.terms.through.objects.filter(service_id=OuterRef("pk")).filter(
            Q(taxonomyterm__name__icontains=stem)
            | Q(taxonomyterm__code__icontains=stem)
        )
    )


def _search_simple(queryset: QuerySet, words: list[str]) -> QuerySet:
    for word in words:
        stem = german_stem(word)
        queryset = queryset.filter(
            Q(name__icontains=stem) | Q(description__icontains=stem) | _term_match(stem)
        )
    return queryset


def stored_vector() -> Col:
    """The offerings' search vector as PostgreSQL keeps it (name weight A,
    description weight B): the generated column of migration 0011, unknown to the
    model so that Django never writes it. Computing `to_tsvector` for 20,000
    offerings on every search instead cost about half a second."""
    from django.contrib.postgres.search import SearchVectorField

    from quartier.directory.models import Service

    column = SearchVectorField()
    column.set_attributes_from_name("search_vector")
    column.model = Service
    return Col(Service._meta.db_table, column)


def _search_postgres(
    queryset: QuerySet, words: list[str], municipality_id: int
) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery

    from quartier.directory.models import Service

    for word in words:
        stem = german_stem(word)
        # Prefix match on the stem: "sport:*" finds "Sportgruppe".
        prefix = re.sub(r"[^\w]", "", stem) + ":*"
        query = SearchQuery(prefix, search_type="raw", config="german")
        # In the text (the GIN index finds those rows) or in a topic / target
        # group name: two id sets, each built once.
        in_text = Service.objects.alias(_search=stored_vector()).filter(_search=query)
        queryset = queryset.filter(
            Q(pk__in=in_text.values("pk")) | Q(pk__in=_term_ids(stem, municipality_id))
        )
    return queryset


def search_services(
    queryset: QuerySet, text: str, municipality: Municipality
) -> QuerySet:
    """Offerings of `queryset`, all of `municipality`, matching the free text `text`
    (all words)."""
    words = words_of(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        queryset = _search_postgres(queryset, words, municipality.pk)
    else:
        queryset = _search_simple(queryset, words)
    return queryset.order_by("name", "id")

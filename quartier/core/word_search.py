"""How every search field of Quartier that is matched on the server reads its text.

The register's responsible actor, the initiatives' organisation, the contribution
list, the links page's decision, the booking form's organisation and the impact
pickers all match the same way: the text is split at spaces, at most five words
count, and a row matches when every word occurs (case-insensitive) in one of the
searched fields. No JavaScript is needed: the page is sent with the text and offers
the matches. One rule in one place, so that a person's search means the same on
every page.

SQLite folds the case of ASCII letters only ("ÄRZTE" does not find "Ärzte");
PostgreSQL folds every letter.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Q, QuerySet

MOST_WORDS = 5
# A word of at most this many ASCII digits may also be a number (a decision's).
NUMBER_DIGITS = 9

Q_ = TypeVar("Q_", bound=QuerySet[Any])


def words_of(text: Any, most: int = MOST_WORDS) -> list[str]:
    """The words of a search text: split at spaces, at most `most`. A NUL character
    (which PostgreSQL refuses in a query) is dropped."""
    return str(text or "").replace("\x00", "").split()[:most]


def every_word(
    queryset: Q_, text: Any, *fields: str, number_field: str | None = None
) -> Q_:
    """The rows of `queryset` in which every word of `text` occurs in one of
    `fields` (case-insensitive); with `number_field`, a word of ASCII digits also
    matches that field's number (e.g. "14 Spielplatz"). No words: `queryset`."""
    for word in words_of(text):
        found = Q()
        for name in fields:
            found |= Q(**{f"{name}__icontains": word})
        if number_field and word.isascii() and word.isdigit():
            if len(word) <= NUMBER_DIGITS:
                found |= Q(**{number_field: int(word)})
        queryset = queryset.filter(found)
    return queryset

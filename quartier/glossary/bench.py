"""Benchmark data of the glossary (`quartier seed_bench`, docs/glossary.md "Speed").

The issue's measure: a contribution page with 200 glossary terms must stay within
10 % of the same page without the glossary. `seed_bench(municipality, count)` adds
`count` agreed terms to Musterstadt (one bench decision adopts them all) and one
public contribution whose text uses every one of them; the SAME contribution (same
title, text, kind, neighbourhood name and topics) goes to a municipality of its own
that has no glossary, "bench-ohne-glossar". BENCH_PAGES lists both pages one after
the other: "glossary: contribution, 200 terms linked" and "glossary: the same
contribution, no glossary". Both paths find their contribution themselves (the
pair is the same in the Musterstadt and the Beispielheim columns).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

TITLE = "Bench-Beitrag mit vielen Fachbegriffen"
PLAIN_SLUG = "bench-ohne-glossar"
WITH_SLUG = "musterstadt"
PREFIXES = [
    "Quartiers",
    "Nachbarschafts",
    "Gesundheits",
    "Beteiligungs",
    "Sozialraum",
    "Familien",
    "Bewegungs",
    "Begegnungs",
    "Bildungs",
    "Kultur",
    "Senioren",
    "Jugend",
    "Umwelt",
    "Mobilitäts",
    "Wohn",
    "Pflege",
    "Ernährungs",
    "Präventions",
    "Integrations",
    "Ehrenamts",
]
SUFFIXES = [
    "netzwerk",
    "konferenz",
    "lotsin",
    "budget",
    "werkstatt",
    "atlas",
    "runde",
    "pate",
    "raum",
    "kompass",
    "bericht",
]


def terms(count: int) -> list[str]:
    words = [p + s for s in SUFFIXES for p in PREFIXES]
    return words[:count]


def bench_text(count: int) -> str:
    """Paragraphs of ordinary sentences, each naming a few of the terms."""
    words = terms(count)
    paragraphs = []
    for start in range(0, len(words), 5):
        chunk = words[start : start + 5]
        paragraphs.append(
            "Im Gespräch ging es um "
            + ", ".join(chunk[:-1])
            + (f" und {chunk[-1]}" if len(chunk) > 1 else chunk[0])
            + ". Viele Nachbarinnen und Nachbarn haben dazu Fragen gestellt, "
            "und wir möchten das beim nächsten Treffen weiter besprechen."
        )
    return "\n\n".join(paragraphs)


class _Contribution(str):
    """The bench contribution's page in one municipality (its id is known only
    after seeding); the contribution list where there is none."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        from quartier.participation.models import Contribution

        plain = str.__str__(self).startswith("plain:")
        rows = Contribution.objects.filter(title=TITLE).select_related("municipality")
        if plain:
            rows = rows.filter(municipality__slug=PLAIN_SLUG)
        else:
            rows = rows.exclude(municipality__slug=PLAIN_SLUG)
        found = rows.order_by("pk").first()
        if found is None:
            return f"/{kwargs.get('slug', WITH_SLUG)}/participation/"
        return f"/{found.municipality.slug}/participation/{found.pk}/"


BENCH_PAGES = [
    (
        "glossary: contribution, 200 terms linked",
        _Contribution("with:/musterstadt/participation/<bench>/"),
    ),
    (
        "glossary: the same contribution, no glossary",
        _Contribution("plain:/bench-ohne-glossar/participation/<bench>/"),
    ),
]


def _contribution(municipality: Any, text: str) -> Any:
    from quartier.core.models import Neighborhood
    from quartier.participation.models import Contribution, create_layer_topics

    create_layer_topics(municipality)
    neighborhood, _created = Neighborhood.objects.get_or_create(
        municipality=municipality,
        slug="bench-glossar",
        defaults={"name": "Bench-Glossar"},
    )
    now = timezone.now()
    return Contribution.objects.create(
        municipality=municipality,
        kind="idea",
        title=TITLE,
        text=text,
        neighborhood=neighborhood,
        channel="online",
        status="received",
        created_at=now - datetime.timedelta(days=1),
    )


def seed_bench(municipality: Any, count: int) -> None:
    from django.utils.text import slugify

    from quartier.core.models import Municipality
    from quartier.forums.models import Decision
    from quartier.glossary.models import AgreedDefinition, Term

    text = bench_text(count)
    existing = set(Term.objects.of(municipality).values_list("slug", flat=True))
    new_terms = Term.objects.bulk_create(
        [
            Term(municipality=municipality, term=word, slug=slugify(word))
            for word in terms(count)
            if slugify(word) not in existing
        ]
    )
    decision = Decision.objects.filter(municipality=municipality).order_by("pk").first()
    if decision is not None:
        if new_terms and new_terms[0].pk is None:
            new_terms = list(
                Term.objects.of(municipality).filter(
                    slug__in=[t.slug for t in new_terms]
                )
            )
        AgreedDefinition.objects.bulk_create(
            [
                AgreedDefinition(
                    term=term,
                    text=f"{term.term}: so verwenden wir das Wort im Quartier.",
                    valid_from=timezone.localdate(),
                    decision=decision,
                )
                for term in new_terms
            ]
        )
    _contribution(municipality, text)
    plain, _created = Municipality.objects.get_or_create(
        slug=PLAIN_SLUG,
        defaults={
            "name": "Bench ohne Glossar",
            "land": municipality.land,
            "description": "Kommune aus dem Benchmark-Datensatz, ohne Glossar.",
        },
    )
    _contribution(plain, text)

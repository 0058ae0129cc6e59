"""Default taxonomy terms every municipality starts with (German domain words).

Created by the data migration for existing municipalities and by a post_save signal
for new ones (apps.py). Ids derive from the municipality and the code, so they are
the same on every installation that creates them the same way.
"""

from __future__ import annotations

from typing import Any

from quartier.directory.models import stable_uuid

# (taxonomy, code, name, description)
DEFAULT_TERMS: list[tuple[str, str, str, str]] = [
    (
        "topic",
        "bewegung",
        "Bewegung",
        "Sport, Spaziergänge, Tanz und andere Bewegungsangebote.",
    ),
    (
        "topic",
        "ernaehrung",
        "Ernährung",
        "Kochen, Essen, gesunde Ernährung, Lebensmittelhilfe.",
    ),
    (
        "topic",
        "psychische-gesundheit",
        "psychische Gesundheit",
        "Seelische Gesundheit, Krisen, Stressbewältigung.",
    ),
    ("topic", "sucht", "Sucht", "Suchtvorbeugung und Suchtberatung."),
    (
        "topic",
        "pflege-alter",
        "Pflege & Alter",
        "Angebote für ältere Menschen, Pflegende und Angehörige.",
    ),
    (
        "topic",
        "familie-kinder",
        "Familie & Kinder",
        "Angebote für Eltern, Kinder und Familien.",
    ),
    ("topic", "beratung", "Beratung", "Beratungsstellen und Sprechstunden."),
    (
        "topic",
        "selbsthilfe",
        "Selbsthilfe",
        "Selbsthilfegruppen und gegenseitige Unterstützung.",
    ),
    (
        "topic",
        "medizinische-versorgung",
        "medizinische Versorgung",
        "Ärztliche und therapeutische Versorgung.",
    ),
    ("topic", "begegnung", "Begegnung", "Treffpunkte, Cafés, Nachbarschaft."),
    ("topic", "bildung", "Bildung", "Kurse, Lernen, Sprache."),
    ("topic", "kultur", "Kultur", "Musik, Theater, Kunst, Feste."),
    ("target_group", "kinder", "Kinder", "Kinder bis 12 Jahre."),
    ("target_group", "jugendliche", "Jugendliche", "Jugendliche von 12 bis 21 Jahren."),
    ("target_group", "familien", "Familien", "Eltern mit Kindern."),
    ("target_group", "aeltere", "Ältere", "Ältere Menschen."),
    (
        "target_group",
        "menschen-mit-behinderung",
        "Menschen mit Behinderung",
        "Menschen mit Behinderung und ihre Angehörigen.",
    ),
    (
        "target_group",
        "migrationsgeschichte",
        "Menschen mit Migrationsgeschichte",
        "Zugewanderte und ihre Familien.",
    ),
    (
        "target_group",
        "alleinerziehende",
        "Alleinerziehende",
        "Mütter und Väter, die ihre Kinder allein erziehen.",
    ),
    (
        "target_group",
        "wenig-geld",
        "Menschen mit wenig Geld",
        "Menschen mit geringem Einkommen.",
    ),
    ("target_group", "alle", "alle", "Offen für alle."),
    (
        "health_layer",
        "individuelle-faktoren",
        "Alter, Geschlecht, Erbanlagen",
        "Ebene 1 nach Dahlgren und Whitehead: individuelle Faktoren.",
    ),
    (
        "health_layer",
        "lebensweise",
        "Individuelle Lebensweise",
        "Ebene 2 nach Dahlgren und Whitehead: Verhalten und Lebensstil.",
    ),
    (
        "health_layer",
        "soziale-netzwerke",
        "Soziale und kommunale Netzwerke",
        "Ebene 3 nach Dahlgren und Whitehead: Familie, Nachbarschaft, Gemeinschaft.",
    ),
    (
        "health_layer",
        "lebens-arbeitsbedingungen",
        "Lebens- und Arbeitsbedingungen",
        "Ebene 4 nach Dahlgren und Whitehead: Wohnen, Arbeit, Bildung, Versorgung.",
    ),
    (
        "health_layer",
        "allgemeine-bedingungen",
        "Allgemeine Bedingungen",
        "Ebene 5 nach Dahlgren und Whitehead: sozioökonomische, kulturelle und Umweltbedingungen.",
    ),
]


def term_id(municipality_id: Any, taxonomy: str, code: str):  # type: ignore[no-untyped-def]
    return stable_uuid("term", municipality_id, taxonomy, code)


def ensure_default_terms(municipality: Any, term_model: Any = None) -> int:
    """Create the missing default terms of `municipality`; returns how many."""
    if term_model is None:
        from quartier.directory.models import TaxonomyTerm as term_model
    existing = set(
        term_model.objects.filter(municipality_id=municipality.pk).values_list(
            "taxonomy", "code"
        )
    )
    new = [
        term_model(
            id=term_id(municipality.pk, taxonomy, code),
            municipality_id=municipality.pk,
            taxonomy=taxonomy,
            code=code,
            name=name,
            description=description,
            position=position,
        )
        for position, (taxonomy, code, name, description) in enumerate(DEFAULT_TERMS)
        if (taxonomy, code) not in existing
    ]
    term_model.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)

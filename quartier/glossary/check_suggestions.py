"""Quartiers-Check suggestions from the glossary and the Leitbild
(core/check_suggestions.py): R8 agreed terms, R6 values in a Leitbild."""

from __future__ import annotations

from django.urls import reverse

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def agreed_terms(municipality: Municipality) -> Suggestion | None:
    from quartier.glossary.models import AgreedDefinition, Term

    if not Term.objects.filter(municipality=municipality).exists():
        return None
    count = (
        AgreedDefinition.objects.filter(term__municipality=municipality)
        .values("term")
        .distinct()
        .count()
    )
    value = 1 if count == 0 else 2 if count < 3 else 3 if count < 10 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil für {count} Begriffe eine gemeinsam beschlossene "
        "Bedeutung im Glossar steht (ab 3 / 10 eine Stufe höher).",
        [
            Evidence(
                "Glossar",
                reverse(
                    "glossary:list", kwargs={"municipality_slug": municipality.slug}
                ),
            )
        ],
    )


def leitbild(municipality: Municipality) -> Suggestion | None:
    from quartier.glossary.models import LeitbildVersion

    versions = LeitbildVersion.objects.filter(municipality=municipality).count()
    if not versions:
        return None
    return Suggestion(
        3 if versions == 1 else 4,
        f"vorgeschlagen, weil ein beschlossenes Leitbild vorliegt ({versions} "
        "Fassungen; eine überarbeitete Fassung zählt als gelebte Praxis).",
        [
            Evidence(
                "Leitbild",
                reverse(
                    "glossary:leitbild", kwargs={"municipality_slug": municipality.slug}
                ),
            )
        ],
    )


register("r8.shared_terms", agreed_terms, source="glossary")
register("r6.values", leitbild, source="glossary")

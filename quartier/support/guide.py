"""The process guide: from the first idea to a lasting offer, along the phases of an
initiative (initiatives.models.PHASE_ORDER). For each step: what to do, the
Quartier modules that help (URL names reversed with the municipality) and — found
by the offers' `phases` — the support offers that fit. The texts are the German
content of the guide, like the check's questions."""

from __future__ import annotations

from dataclasses import dataclass

from quartier.initiatives.models import Phase


@dataclass(frozen=True)
class Step:
    title: str
    todo: tuple[str, ...]
    modules: tuple[tuple[str, str], ...]  # (label, URL name)


STEPS: dict[str, Step] = {
    Phase.IDEA: Step(
        "Erste Idee",
        (
            "Anliegen und Ideen aus dem Quartier sammeln und ernst nehmen.",
            "Mitstreiterinnen und Mitstreiter finden: Wer ist schon aktiv?",
            "Die Fachberatung zu einem ersten Gespräch einladen.",
        ),
        (
            ("Beteiligung", "participation:list"),
            ("Akteure", "actors:list"),
            ("Quartiers-Check", "support:check"),
        ),
    ),
    Phase.CONCEPT: Step(
        "Konzept",
        (
            "Bedarf klären: Wer lebt im Quartier, was fehlt?",
            "Ziele gemeinsam festhalten und einen Auftrag für ein Gremium klären.",
            "Passende Programme und Förderungen prüfen.",
        ),
        (
            ("Ziele und Wirkung", "impact:goals"),
            ("Aushandlungsräume", "forums:list"),
            ("Programmbibliothek", "programmes:list"),
        ),
    ),
    Phase.PILOT: Step(
        "Erprobung",
        (
            "Im Kleinen ausprobieren: Annahme, Dauer und woran man den Erfolg sieht.",
            "Räume und Mikroförderung für die Beteiligten bereitstellen.",
            "Nach der Erprobung gemeinsam auswerten.",
        ),
        (
            ("Vorhaben", "initiatives:list"),
            ("Räume", "rooms:list"),
            ("Quartiersfonds", "funds:list"),
        ),
    ),
    Phase.IMPLEMENTATION: Step(
        "Umsetzung",
        (
            "Zuständigkeiten und Beschlüsse festhalten, Fristen im Blick behalten.",
            "Zeit für Vernetzung und Moderation sichtbar machen.",
            "Regelmäßig über den Stand berichten.",
        ),
        (
            ("Beschlussregister", "forums:decisions"),
            ("Zeit für Beziehungsarbeit", "learning:time"),
            ("Geschichten", "stories:list"),
        ),
    ),
    Phase.CONSOLIDATION: Step(
        "Verstetigung",
        (
            "Auswerten, was wirkt, und daraus lernen.",
            "Rollen und Finanzierung dauerhaft absichern.",
            "Erfahrungen mit anderen Kommunen teilen.",
        ),
        (
            ("Reflexionen", "reflections:list"),
            ("Netzwerkanalyse", "network:index"),
            ("Quartiers-Check", "support:check"),
        ),
    ),
}

"""The questions of the Quartiers-Check: 3–5 per recommendation R1–R10 of the
seed "Gesunde Quartiere gestalten" (docs/support.md, "Quartiers-Check").

Written in plain German for the municipality's team (the texts are content, shipped
with the package, not msgids: the check exists in German only). A question's key is
stable ("r1.forums"): answers, team results and the data suggestions of
core/check_suggestions.py refer to it.

`ACTIONS` are the suggested next steps for a weak recommendation: what to do in
Quartier, with the URL name of the module that helps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCALE = {
    1: "Noch nicht begonnen",
    2: "In Ansätzen",
    3: "Weitgehend umgesetzt",
    4: "Fest verankert",
}
# A recommendation is weak when its team result (the mean of its confirmed
# questions) is at most this value.
WEAK = 2.0


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class Action:
    key: str
    text: str
    url_name: str  # reversed with the municipality's slug


@dataclass(frozen=True)
class Recommendation:
    key: str  # "R1"
    title: str
    questions: tuple[Question, ...]
    actions: tuple[Action, ...] = field(default_factory=tuple)


RECOMMENDATIONS: tuple[Recommendation, ...] = (
    Recommendation(
        "R1",
        "Steuerung neu verstehen",
        (
            Question(
                "r1.forums",
                "Gibt es Quartiersforen oder Gesundheitskonferenzen mit einem klaren "
                "Auftrag, in denen Verwaltung und Zivilgesellschaft gemeinsam sitzen?",
            ),
            Question(
                "r1.decisions",
                "Ist bei Beschlüssen festgehalten, wer sich um die Umsetzung kümmert?",
            ),
            Question(
                "r1.roles",
                "Sind Rollen, Zuständigkeiten und Entscheidungswege für alle "
                "Beteiligten nachvollziehbar beschrieben?",
            ),
            Question(
                "r1.brokers",
                "Gibt es Personen, die zwischen Verwaltung und Zivilgesellschaft "
                "vermitteln (z. B. Quartierskoordination)?",
            ),
        ),
        (
            Action(
                "r1.forum", "Ein Quartiersforum mit Auftrag einrichten", "forums:list"
            ),
            Action(
                "r1.who",
                "Auf „Wer entscheidet was?“ die Entscheidungswege klären",
                "forums:who_decides",
            ),
        ),
    ),
    Recommendation(
        "R2",
        "Selbstorganisation ermöglichen",
        (
            Question(
                "r2.low_threshold",
                "Können Menschen ohne Anmeldung und ohne Hürden Ideen und Anliegen "
                "einbringen?",
            ),
            Question(
                "r2.micro_funds",
                "Gibt es Mikroförderungen, aus denen Projekte von Engagierten "
                "tatsächlich Geld bekommen?",
            ),
            Question(
                "r2.rooms",
                "Können Initiativen Räume der Gemeinde oder von Partnern einfach "
                "nutzen?",
            ),
            Question(
                "r2.informal",
                "Werden auch informelle oder unbequeme Impulse aufgegriffen?",
            ),
        ),
        (
            Action(
                "r2.participation",
                "Beteiligung ohne Anmeldung bekannt machen",
                "participation:list",
            ),
            Action("r2.fund", "Einen Quartiersfonds ausschreiben", "funds:list"),
            Action("r2.rooms", "Räume für Initiativen öffnen", "rooms:list"),
        ),
    ),
    Recommendation(
        "R3",
        "Leitplanken statt Blaupausen",
        (
            Question(
                "r3.adapted",
                "Passen wir Programme von außen an unser Quartier an, statt sie "
                "unverändert zu übernehmen?",
            ),
            Question(
                "r3.needs",
                "Gibt es eine Bedarfsanalyse, die die Lebenslagen im Quartier zeigt?",
            ),
            Question(
                "r3.pilots",
                "Probieren wir Neues in Pilotprojekten aus, bevor es dauerhaft wird?",
            ),
        ),
        (
            Action(
                "r3.library",
                "Ein Programm aus der Programmbibliothek anpassen",
                "programmes:list",
            ),
            Action(
                "r3.pilot", "Ein Vorhaben als Pilotphase anlegen", "initiatives:list"
            ),
        ),
    ),
    Recommendation(
        "R4",
        "Verwaltung und Zivilgesellschaft ausbalancieren",
        (
            Question(
                "r4.seats",
                "Hat die Zivilgesellschaft in den Gremien einen angemessenen Anteil "
                "der Sitze?",
            ),
            Question(
                "r4.long_term",
                "Gibt es langfristige Kooperationen auf Augenhöhe, nicht nur Aufträge?",
            ),
            Question(
                "r4.staff",
                "Sind Mitarbeitende der Verwaltung in Moderation und Beteiligung "
                "geschult?",
            ),
        ),
        (
            Action(
                "r4.invite",
                "Die Zivilgesellschaft in die Steuerungsgruppe einladen",
                "forums:list",
            ),
            Action("r4.actors", "Akteure und Kooperationen pflegen", "actors:list"),
        ),
    ),
    Recommendation(
        "R5",
        "Gesundheit als gemeinsames Gut",
        (
            Question(
                "r5.goals",
                "Haben wir gemeinsame Ziele, die über einzelne Organisationen "
                "hinausgehen?",
            ),
            Question(
                "r5.offers",
                "Sind die bestehenden Angebote im Quartier bekannt und vernetzt?",
            ),
            Question(
                "r5.policies",
                "Wird Gesundheit auch in anderen Ämtern mitgedacht (Planung, Soziales, "
                "Bildung)?",
            ),
        ),
        (
            Action("r5.goals", "Gemeinsame Ziele festhalten", "impact:goals"),
            Action(
                "r5.directory",
                "Angebote im Angebotsverzeichnis sammeln",
                "directory:list",
            ),
        ),
    ),
    Recommendation(
        "R6",
        "Haltung und Kultur",
        (
            Question(
                "r6.values",
                "Sind Werte wie Wertschätzung und Transparenz in einem Leitbild "
                "festgehalten?",
            ),
            Question(
                "r6.reflection_spaces",
                "Gibt es Räume zum gemeinsamen Nachdenken, etwa Lernwerkstätten oder "
                "kollegiale Beratung?",
            ),
            Question(
                "r6.tensions",
                "Sprechen wir offen über Spannungsfelder, etwa mit dem "
                "Spannungskompass?",
            ),
        ),
        (
            Action(
                "r6.compass",
                "Eine Runde des Spannungskompasses eröffnen",
                "compass:index",
            ),
            Action("r6.reflection", "Eine Reflexion anlegen", "reflections:list"),
        ),
    ),
    Recommendation(
        "R7",
        "Beziehung und Resonanz",
        (
            Question(
                "r7.network",
                "Sind die Akteure im Quartier gut miteinander verbunden?",
            ),
            Question(
                "r7.bridging",
                "Gibt es viele Verbindungen zwischen Verwaltung und Zivilgesellschaft?",
            ),
            Question(
                "r7.places",
                "Gibt es Begegnungsorte, an denen sich Menschen ungezwungen treffen?",
            ),
            Question(
                "r7.evaluation",
                "Schauen wir bei der Auswertung auch auf Beziehungen, nicht nur auf "
                "Zahlen?",
            ),
        ),
        (
            Action(
                "r7.network",
                "Das Kooperationsnetz ansehen und eine Momentaufnahme machen",
                "network:index",
            ),
            Action("r7.ties", "Beziehungen zwischen Akteuren erfassen", "actors:list"),
        ),
    ),
    Recommendation(
        "R8",
        "Sprache, Identität und Geschichten",
        (
            Question(
                "r8.shared_terms",
                "Haben wir ein gemeinsames Verständnis von „Gesundheit im Quartier“ "
                "und der wichtigsten Begriffe?",
            ),
            Question(
                "r8.stories",
                "Sammeln wir Geschichten aus dem Alltag der Menschen im Quartier?",
            ),
            Question(
                "r8.communication",
                "Gestalten wir bewusst, wie und in welcher Sprache wir informieren?",
            ),
        ),
        (
            Action(
                "r8.stories", "Geschichten aus dem Quartier sammeln", "stories:list"
            ),
            Action(
                "r8.glossary", "Gemeinsame Begriffe im Glossar klären", "glossary:list"
            ),
        ),
    ),
    Recommendation(
        "R9",
        "Lernende Systeme",
        (
            Question(
                "r9.reflections",
                "Werten wir regelmäßig gemeinsam aus, was gut lief und was nicht?",
            ),
            Question(
                "r9.adaptations",
                "Werden vereinbarte Änderungen aus Auswertungen auch umgesetzt?",
            ),
            Question(
                "r9.evaluation",
                "Begleitet eine Auswertung unsere Vorhaben von Anfang an?",
            ),
        ),
        (
            Action(
                "r9.reflection", "Eine Auswertungsrunde anlegen", "reflections:list"
            ),
            Action(
                "r9.impact", "Wirkungsmodell und Kennzahlen pflegen", "impact:goals"
            ),
        ),
    ),
    Recommendation(
        "R10",
        "Neue Rollenprofile",
        (
            Question(
                "r10.time",
                "Wird die Zeit für Vernetzung, Moderation und Übersetzung sichtbar "
                "gemacht?",
            ),
            Question(
                "r10.roles",
                "Gibt es beschriebene Rollen wie Vernetzer:in oder Prozessgestalter:in?",
            ),
            Question(
                "r10.qualification",
                "Gibt es Qualifizierungsangebote für diese Rollen?",
            ),
            Question(
                "r10.secured",
                "Sind diese Rollen dauerhaft abgesichert (Stellen, Stunden, Budget)?",
            ),
        ),
        (
            Action(
                "r10.time",
                "Zeit für Beziehungsarbeit erfassen",
                "learning:time",
            ),
        ),
    ),
)

QUESTIONS: dict[str, Question] = {
    q.key: q for r in RECOMMENDATIONS for q in r.questions
}
RECOMMENDATION_OF: dict[str, Recommendation] = {
    q.key: r for r in RECOMMENDATIONS for q in r.questions
}
BY_KEY: dict[str, Recommendation] = {r.key: r for r in RECOMMENDATIONS}

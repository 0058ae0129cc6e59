"""Demo data of the learning app for Musterstadt (DEMO-WORLD.md): a year of time
spent on relationship work by actors and people.

Each entry is found by its natural key (who, note), and its date is days before the
seed, so a second run on the same day changes nothing and a run on a later day moves
the dates instead of adding entries.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

SLUG = "musterstadt"

# who: "actor:<key>" or "user:<e-mail>"; by: who recorded it; every: days between
# entries; activities: (category, hours, note with {topic}); topics fill the notes.
WORKERS: list[dict[str, Any]] = [
    {
        "who": "actor:sv_sonnenberg",
        "by": "partner@musterstadt.example",
        "every": 21,
        "neighborhood": "sonnenberg",
        "activities": [
            (
                "volunteering",
                "3",
                "Lauftreff für Menschen mit Diabetes begleitet ({topic})",
            ),
            (
                "organisation",
                "2",
                "Hallenzeiten und Übungsleitungen abgestimmt ({topic})",
            ),
            (
                "networking",
                "1.5",
                "Austausch mit der Hausarztpraxis Dr. Berger ({topic})",
            ),
        ],
        "topics": [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
            "Jahresplanung",
            "Sommerfest",
            "Herbstlauf",
            "Winterpause",
            "Nachwuchs",
            "Trainerteam",
        ],
    },
    {
        "who": "actor:health_broker",
        "by": "haddad@musterstadt.example",
        "every": 9,
        "neighborhood": "bahnhofsviertel",
        "activities": [
            ("translation", "2.5", "Arzttermin auf Arabisch begleitet: {topic}"),
            ("advice", "1.5", "Sprechstunde Gesundheitslotsen: {topic}"),
            (
                "networking",
                "2",
                "Gesundheitsamt und Moscheegemeinde zusammengebracht: {topic}",
            ),
            ("translation", "1", "Informationsblatt übersetzt: {topic}"),
        ],
        "topics": [
            "Impfungen",
            "Hitzeschutz",
            "Kinderarzt",
            "Diabetes",
            "Schwangerschaft",
            "Zahngesundheit",
            "Pflegegrad",
            "Krankenversicherung",
            "Vorsorge",
            "Bluthochdruck",
            "Ernährung",
            "Bewegung",
            "Sucht",
            "Einsamkeit",
            "Schulanmeldung",
            "Hausarztsuche",
            "Notdienst",
            "Apotheke",
            "Therapieplatz",
            "Reha",
            "Sehtest",
            "Hörgerät",
            "Familienhebamme",
            "Elterngeld",
            "Wohngeld",
            "Stromsperre",
            "Schimmel",
            "Lärm",
            "Spielplatz",
            "Sportverein",
            "Sprachkurs",
            "Ehrenamt",
            "Kita-Platz",
            "Frauengruppe",
            "Männergruppe",
            "Seniorentreff",
            "Fastenzeit",
            "Sommerferien",
            "Herbstferien",
            "Jahresbericht",
            "Mittagstisch",
        ],
    },
    {
        "who": "actor:familienzentrum",
        "by": "familienzentrum@musterstadt.example",
        "every": 14,
        "neighborhood": "bahnhofsviertel",
        "activities": [
            ("moderation", "2", "Elterncafé moderiert: {topic}"),
            (
                "organisation",
                "1.5",
                "Quartiersforum Bahnhofsviertel vorbereitet: {topic}",
            ),
            ("networking", "1", "Abstimmung mit der Stadtteilbibliothek: {topic}"),
        ],
        "topics": [
            "Schlaf",
            "Medienzeit",
            "Trotzphase",
            "Geschwister",
            "Einschulung",
            "Sprache",
            "Ernährung",
            "Spielplatz",
            "Bewegung",
            "Zahnpflege",
            "Erste Hilfe",
            "Hitze",
            "Kita",
            "Großeltern",
            "Mehrsprachigkeit",
            "Taschengeld",
            "Streit",
            "Feste",
            "Jahresrückblick",
            "Ausflüge",
            "Regeln",
            "Kochen",
            "Vorlesen",
            "Impfen",
            "Sommer",
            "Winter",
        ],
    },
    {
        "who": "user:koordination@musterstadt.example",
        "by": "koordination@musterstadt.example",
        "every": 7,
        "neighborhood": "sonnenberg",
        "activities": [
            ("moderation", "2.5", "Quartiersforum Sonnenberg moderiert: {topic}"),
            ("networking", "1.5", "Runder Tisch Sonnenberg: {topic}"),
            ("organisation", "1", "Vorgespräch mit dem Bürgerhaus: {topic}"),
            ("advice", "1", "Initiative beraten: {topic}"),
        ],
        "topics": [
            "Wochenendbus",
            "Seniorentreff",
            "Hitzeschutz",
            "Quartiersfonds",
            "Bänke",
            "Spielplatz",
            "Mittagstisch",
            "Nachbarschaftshilfe",
            "Repair-Café",
            "Sommerfest",
            "Gemeinschaftsgarten",
            "Lauftreff",
            "Elterncafé",
            "Kompass-Runde",
            "Jahresplanung",
            "Hausaufgabenhilfe",
            "Einsamkeit",
            "Leerstand",
            "Wohnungsnot",
            "Müll",
            "Beleuchtung",
            "Barrierefreiheit",
            "Jugendhaus",
            "Kirchengemeinde",
            "Moscheegemeinde",
            "Sportverein",
            "Grundschule",
            "Pflegestützpunkt",
            "Tafel",
            "Bürgerbus",
            "Quartierszeitung",
            "Fahrradwerkstatt",
            "Trinkbrunnen",
            "Sprachcafé",
            "Weihnachtsmarkt",
            "Adventsfenster",
            "Neujahrsempfang",
            "Frühjahrsputz",
            "Osterbrunnen",
            "Maifest",
            "Stadtteilspaziergang",
            "Befragung",
            "Haushaltsberatung",
            "Gesundheitstag",
            "Erste-Hilfe-Kurs",
            "Ehrenamtsfest",
            "Rückblick",
            "Evaluation",
            "Bericht",
            "Klausur",
            "Übergabe",
            "Fortbildung",
        ],
    },
    {
        "who": "user:bewohnerin@musterstadt.example",
        "by": "bewohnerin@musterstadt.example",
        "every": 30,
        "neighborhood": "altstadt",
        "activities": [
            ("volunteering", "2", "Besuchsdienst bei Nachbarinnen: {topic}"),
            ("volunteering", "3", "Mittagstisch im Seniorentreff mitgekocht: {topic}"),
        ],
        "topics": [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
            "Jahresende",
        ],
    },
    {
        "who": "user:nachbar@musterstadt.example",
        "by": "nachbar@musterstadt.example",
        "every": 45,
        "neighborhood": "altstadt",
        "activities": [
            ("organisation", "2", "Bank statt Bordstein: {topic}"),
            ("networking", "1.5", "Gespräch mit dem Stadtplanungsamt: {topic}"),
        ],
        "topics": [
            "Standorte gesammelt",
            "Unterschriften übergeben",
            "Ortsbegehung",
            "Antrag Quartiersfonds",
            "Patenschaften",
            "Einweihung",
            "Rückmeldung Bauhof",
            "Schattenplätze",
            "Presse",
        ],
    },
]


def entries(worker: dict[str, Any], today: datetime.date) -> list[dict[str, Any]]:
    """The entries of one worker over the last year, newest first."""
    result = []
    activities = worker["activities"]
    for k, topic in enumerate(worker["topics"]):
        days_ago = 2 + k * worker["every"]
        if days_ago > 364:
            break
        category, hours, note = activities[k % len(activities)]
        result.append(
            {
                "date": today - datetime.timedelta(days=days_ago),
                "category": category,
                "hours": Decimal(hours),
                "note": note.format(topic=topic),
            }
        )
    return result


def load(summary: Any) -> None:
    """Write a year of time entries for the demo world."""
    from django.utils import timezone

    from quartier.core.models import Neighborhood
    from quartier.demo import loader
    from quartier.learning.models import TimeEntry

    municipality = loader.get_municipality(SLUG)
    today = timezone.localdate()
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    for worker in WORKERS:
        kind, key = worker["who"].split(":", 1)
        who = (
            {"actor": loader.get_actor(municipality, key), "person": None}
            if kind == "actor"
            else {"person": loader.get_user(key), "actor": None}
        )
        recorder = loader.get_user(worker["by"])
        for entry in entries(worker, today):
            loader._upsert(
                TimeEntry,
                {"municipality": municipality, **who, "note": entry["note"]},
                {
                    "date": entry["date"],
                    "hours": entry["hours"],
                    "category": entry["category"],
                    "neighborhood": neighborhoods.get(worker["neighborhood"]),
                    "created_by": recorder,
                },
                summary,
                "time entry",
            )

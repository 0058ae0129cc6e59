"""Demo data of the compass app for Musterstadt (DEMO-WORLD.md).

Two rounds of the Spannungsfelder-Kompass with 20 assessments each (40 in all) from
five perspectives, four people per perspective. The people are twenty more residents
of the demo world (compass-only; the contract logins stay free to try the open
round). Rows are found by natural keys (round title, person, field), so a second run
changes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

SLUG = "musterstadt"

# (e-mail, name, perspective): four per perspective.
PEOPLE: list[tuple[str, str, str]] = [
    ("b.hartmann@musterstadt.example", "Bernd Hartmann", "administration"),
    ("s.yilmaz@musterstadt.example", "Selin Yılmaz", "administration"),
    ("m.krause@musterstadt.example", "Monika Krause", "administration"),
    ("t.becker@musterstadt.example", "Tobias Becker", "administration"),
    ("g.vogel@musterstadt.example", "Gisela Vogel", "politics"),
    ("f.arslan@musterstadt.example", "Fatih Arslan", "politics"),
    ("r.schneider@musterstadt.example", "Rainer Schneider", "politics"),
    ("c.lang@musterstadt.example", "Claudia Lang", "politics"),
    ("o.petrenko@musterstadt.example", "Olena Petrenko", "civil_society"),
    ("h.wagner@musterstadt.example", "Heike Wagner", "civil_society"),
    ("k.nguyen@musterstadt.example", "Kim Nguyen", "civil_society"),
    ("d.fischer@musterstadt.example", "Dieter Fischer", "civil_society"),
    ("a.roth@musterstadt.example", "Dr. Andreas Roth", "health_care"),
    ("e.simon@musterstadt.example", "Eva Simon", "health_care"),
    ("l.kaya@musterstadt.example", "Leyla Kaya", "health_care"),
    ("p.neumann@musterstadt.example", "Paul Neumann", "health_care"),
    ("i.bauer@musterstadt.example", "Ingrid Bauer", "residents"),
    ("y.haddad@musterstadt.example", "Yasmin Haddad", "residents"),
    ("w.zimmer@musterstadt.example", "Walter Zimmer", "residents"),
    ("n.popescu@musterstadt.example", "Nicoleta Popescu", "residents"),
]

ROUNDS: list[dict[str, Any]] = [
    {
        "title": "Frühjahr 2026",
        "status": "closed",
        "opened": datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
        "closed": datetime.datetime(2026, 4, 17, 18, 0, tzinfo=datetime.UTC),
        "description": (
            "Erste Runde des Kompasses, vorbereitet für die Gesundheitskonferenz im "
            "Frühjahr. Die Ergebnisse wurden in der Steuerungsgruppe besprochen."
        ),
        "shift": 0,
    },
    {
        "title": "Herbst 2026",
        "status": "open",
        "opened": datetime.datetime(2026, 10, 5, 9, 0, tzinfo=datetime.UTC),
        "closed": None,
        "description": (
            "Zweite Runde: Hat sich seit dem Frühjahr etwas bewegt? Ihre Einschätzung "
            "fließt in das Quartiersforum Sonnenberg und die Gesundheitskonferenz ein."
        ),
        "shift": 1,
    },
]

# Per field (in the order of DEFAULT_FIELDS) and perspective: (Ist, Soll) of the
# first round. Civil society and residents see much more control than they want;
# the administration sees itself closer to the middle — that is the divergence.
BASE: dict[str, dict[str, tuple[int, int]]] = {
    "administration": {
        "f0": (45, 55),
        "f1": (35, 55),
        "f2": (45, 55),
        "f3": (35, 50),
        "f4": (30, 20),
    },
    "politics": {
        "f0": (40, 55),
        "f1": (40, 60),
        "f2": (40, 55),
        "f3": (40, 55),
        "f4": (40, 25),
    },
    "civil_society": {
        "f0": (20, 75),
        "f1": (20, 80),
        "f2": (20, 65),
        "f3": (30, 70),
        "f4": (70, 15),
    },
    "health_care": {
        "f0": (35, 60),
        "f1": (25, 60),
        "f2": (30, 55),
        "f3": (35, 60),
        "f4": (75, 20),
    },
    "residents": {
        "f0": (15, 70),
        "f1": (25, 75),
        "f2": (15, 60),
        "f3": (30, 75),
        "f4": (50, 10),
    },
}
# How far each field moved towards its right pole in the second round (Ist only).
MOVE = {"f0": 8, "f1": 5, "f2": 6, "f3": 2, "f4": -6}
OFFSETS = [(-7, -5), (-2, 4), (3, -2), (9, 6)]

COMMENTS: dict[tuple[str, str], str] = {
    ("administration", "f0"): (
        "Wir geben den Rahmen vor, aber im Quartiersforum entscheiden die "
        "Beteiligten schon heute viel selbst."
    ),
    ("civil_society", "f0"): (
        "Jede Aktion im Bürgerhaus braucht drei Genehmigungen. Selbstorganisation "
        "sieht anders aus."
    ),
    ("residents", "f0"): (
        "Die Bank-statt-Bordstein-Initiative hat zwei Jahre auf eine Antwort gewartet."
    ),
    ("health_care", "f1"): (
        "Das Präventionsprogramm der Kasse passt nicht zum Sonnenberg: Die Kurse "
        "finden vormittags statt, wenn die Alleinerziehenden arbeiten."
    ),
    ("civil_society", "f1"): (
        "Die Gesundheitslotsen funktionieren nur, weil wir sie auf Arabisch, "
        "Türkisch und Ukrainisch anbieten – das stand in keinem Programm."
    ),
    ("administration", "f2"): (
        "Die Verwaltung trägt am Ende die Verantwortung für Haushalt und Haftung."
    ),
    ("residents", "f2"): ("Wir werden gefragt, wenn alles schon entschieden ist."),
    ("politics", "f3"): (
        "Gremien haben wir genug. Es fehlt an Vertrauen zwischen den Trägern."
    ),
    ("civil_society", "f3"): (
        "Eine gemeinsame Sprache für „Gesundheit im Quartier“ wäre ein Anfang."
    ),
    ("health_care", "f4"): (
        "Praxen, Pflegedienste und Beratungsstellen konkurrieren um dieselben "
        "Fördertöpfe und dieselben Fachkräfte."
    ),
    ("civil_society", "f4"): (
        "Jeder Träger macht sein eigenes Sommerfest – gemeinsam wäre es größer "
        "und billiger."
    ),
    ("residents", "f4"): (
        "Für uns zählt, dass jemand zuhört, nicht welcher Träger es ist."
    ),
}


def _clamp(value: int) -> int:
    return max(0, min(100, value))


def position_of(perspective: str, key: str, person: int, shift: int) -> tuple[int, int]:
    current, target = BASE[perspective][key]
    dc, dt = OFFSETS[person]
    return (
        _clamp(current + dc + shift * MOVE[key]),
        _clamp(target + dt + shift * (1 if key != "f4" else -1) * 2),
    )


def load(summary: Any) -> None:
    """Write the compass demo data (two rounds, 40 assessments)."""
    from quartier.compass.models import Assessment, Position, Round, TensionField
    from quartier.compass.services import default_fields_ensure
    from quartier.demo import loader

    municipality = loader.get_municipality(SLUG)
    default_fields_ensure(municipality=municipality)
    fields = list(TensionField.objects.of(municipality).order_by("order", "pk"))[:5]
    keys = {f"f{i}": field for i, field in enumerate(fields)}
    passwords = loader._Passwords()
    people = {}
    for email, name, _perspective in PEOPLE:
        people[email] = loader._seed_person(
            {
                "email": email,
                "display_name": name,
                "memberships": [(SLUG, "resident")],
                "actors": [],
            },
            {SLUG: municipality},
            summary,
            passwords,
        )
    for spec in ROUNDS:
        round = loader._upsert(
            Round,
            {"municipality": municipality, "title": spec["title"]},
            {
                "status": spec["status"],
                "opened_at": spec["opened"],
                "closed_at": spec["closed"],
                "description": spec["description"],
            },
            summary,
            "compass round",
        )
        seen: dict[str, int] = {}
        for email, _name, perspective in PEOPLE:
            index = seen.get(perspective, 0)
            seen[perspective] = index + 1
            assessment = loader._upsert(
                Assessment,
                {"municipality": municipality, "round": round, "user": people[email]},
                {"perspective": perspective},
                summary,
                "compass assessment",
            )
            for key, field in keys.items():
                current, target = position_of(perspective, key, index, spec["shift"])
                comment = ""
                if index == spec["shift"]:
                    comment = COMMENTS.get((perspective, key), "")
                loader._upsert(
                    Position,
                    {"assessment": assessment, "field": field},
                    {"current": current, "target": target, "comment": comment},
                    summary,
                    "compass position",
                )

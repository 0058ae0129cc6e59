"""The forums of Musterstadt (DEMO-WORLD.md "Forums"): members, twelve meetings around
today with agendas and minutes, registrations, attendance, and the decisions register.

Dates are days relative to the day of the seed, so the demo always has past and
upcoming meetings. Members are "user:<e-mail>" or "actor:<key of musterstadt.ACTORS>".
`load(summary)` writes it all (called by loader.seed after the people).
"""

from __future__ import annotations

import datetime
from typing import Any

SLUG = "musterstadt"
SITZUNGSLEITUNG = "admin@musterstadt.example"
AYLIN = "koordination@musterstadt.example"
JANA = "kowalski@musterstadt.example"

OUTSIDE = (
    "Gemeinderat, Ausschuss für Soziales und Gesundheit; "
    "Kommunale Gesundheitskonferenz des Landkreises"
)

FORUMS: list[dict[str, Any]] = [
    {
        "slug": "gesundheitskonferenz",
        "kind": "health_conference",
        "name": "Gesundheitskonferenz Musterstadt",
        "neighborhoods": [],
        "purpose": (
            "Die Gesundheitskonferenz bringt Verwaltung, Gesundheitswesen, soziale "
            "Träger, Vereine und Bewohner:innen zweimal im Jahr zusammen. Sie wertet "
            "aus, was in den Quartieren gebraucht wird, und spricht Empfehlungen aus "
            "(§ 5 Landesgesundheitsgesetz Baden-Württemberg)."
        ),
        "mandate": "recommending",
        "mandate_scope": "Gesundheitsförderung und Prävention in der ganzen Stadt",
        "recommends_to": None,
        "recommends_to_body": OUTSIDE,
        "participation_stage": 5,
        "visibility": "public",
        "contact_name": "Petra Sommer, Stabsstelle Gesundheitsplanung",
        "contact_email": "gesundheitsplanung@musterstadt.example",
        "members": [
            ("user:" + SITZUNGSLEITUNG, "moderation"),
            ("user:" + AYLIN, "member"),
            ("user:" + JANA, "member"),
            ("actor:gesundheitsplanung", "moderation"),
            ("actor:gesundheitsamt", "member"),
            ("actor:aok", "member"),
            ("actor:hausarztpraxis", "member"),
            ("actor:pflegestuetzpunkt", "member"),
            ("actor:seniorenbuero", "member"),
            ("actor:caritas", "member"),
            ("actor:suchtberatung", "member"),
            ("actor:health_broker", "member"),
            ("actor:ausschuss", "guest"),
        ],
    },
    {
        "slug": "quartiersforum-sonnenberg",
        "kind": "neighborhood_forum",
        "name": "Quartiersforum Sonnenberg",
        "neighborhoods": ["sonnenberg"],
        "purpose": (
            "Einmal im Monat im Bürgerhaus: Bewohner:innen, Vereine und Einrichtungen "
            "vom Sonnenberg besprechen, was das Leben im Quartier gesünder macht."
        ),
        "mandate": "recommending",
        "mandate_scope": (
            "Empfehlungen für das Quartier; entscheidet selbst über die Regeln des "
            "Quartiersfonds Sonnenberg"
        ),
        "recommends_to": "gesundheitskonferenz",
        "recommends_to_body": "",
        "participation_stage": 6,
        "visibility": "public",
        "contact_name": "Aylin Demir, Quartierskoordination Sonnenberg",
        "contact_email": "sonnenberg@musterstadt.example",
        "members": [
            ("user:" + AYLIN, "moderation"),
            ("user:partner@musterstadt.example", "member"),
            ("user:bewohnerin@musterstadt.example", "member"),
            ("user:jury@musterstadt.example", "member"),
            ("actor:qk_sonnenberg", "moderation"),
            ("actor:sv_sonnenberg", "member"),
            ("actor:baugenossenschaft", "member"),
            ("actor:grundschule", "member"),
            ("actor:hausarztpraxis", "member"),
            ("actor:lauftreff", "member"),
            ("actor:seniorenbuero", "member"),
            ("actor:buergerbus", "guest"),
        ],
    },
    {
        "slug": "quartiersforum-bahnhofsviertel",
        "kind": "neighborhood_forum",
        "name": "Quartiersforum Bahnhofsviertel",
        "neighborhoods": ["bahnhofsviertel"],
        "purpose": (
            "Alle zwei Monate im Familienzentrum, mit Dolmetschen nach Bedarf: "
            "Familien, Gemeinden und Einrichtungen beraten, was das Viertel braucht."
        ),
        "mandate": "advisory",
        "mandate_scope": "Anliegen und Vorschläge für das Bahnhofsviertel",
        "recommends_to": "gesundheitskonferenz",
        "recommends_to_body": "",
        "participation_stage": 4,
        "visibility": "public",
        "contact_name": "Jana Kowalski, Quartierskoordination Bahnhofsviertel",
        "contact_email": "bahnhofsviertel@musterstadt.example",
        "members": [
            ("user:" + JANA, "moderation"),
            ("user:familienzentrum@musterstadt.example", "member"),
            ("user:haddad@musterstadt.example", "member"),
            ("actor:qk_bahnhofsviertel", "moderation"),
            ("actor:familienzentrum", "member"),
            ("actor:moscheegemeinde", "member"),
            ("actor:soniashnyk", "member"),
            ("actor:bibliothek", "member"),
            ("actor:jugendhaus", "member"),
            ("actor:wohnbau", "member"),
            ("actor:stadtteilmutter", "member"),
            ("actor:tafel", "guest"),
        ],
    },
    {
        "slug": "quartiersforum-altstadt",
        "kind": "neighborhood_forum",
        "name": "Quartiersforum Altstadt",
        "neighborhoods": ["altstadt"],
        "purpose": (
            "Das Forum der Altstadt: ältere Menschen, Geschäftsleute, Kirchengemeinde "
            "und Bürgerverein beraten über Wege, Plätze und Nachbarschaft."
        ),
        "mandate": "advisory",
        "mandate_scope": "Anliegen und Vorschläge für die Altstadt",
        "recommends_to": "gesundheitskonferenz",
        "recommends_to_body": "",
        "participation_stage": 4,
        "visibility": "public",
        "contact_name": "Bürgerverein Altstadt e.V.",
        "contact_email": "info@buergerverein-altstadt.example",
        "members": [
            ("user:nachbar@musterstadt.example", "member"),
            ("actor:buergerverein", "moderation"),
            ("actor:st_martin", "member"),
            ("actor:bank_statt_bordstein", "member"),
            ("actor:seniorenbuero", "member"),
            ("actor:apotheke", "member"),
            ("actor:stadtplanung", "guest"),
        ],
    },
    {
        "slug": "steuerungsgruppe",
        "kind": "steering_group",
        "name": "Steuerungsgruppe „Gesundes Musterstadt“",
        "neighborhoods": [],
        "purpose": (
            "Die Steuerungsgruppe hält die Strategie „Gesundes Musterstadt“ "
            "zusammen: Verwaltung, Quartierskoordination, AOK und Gesundheitsamt "
            "stimmen Mittel, Personal und nächste Schritte ab."
        ),
        "mandate": "deciding",
        "mandate_scope": (
            "Einsatz der Personal- und Sachmittel der Strategie „Gesundes Musterstadt“"
        ),
        "recommends_to": None,
        "recommends_to_body": "Gemeinderat, Ausschuss für Soziales und Gesundheit",
        "participation_stage": 3,
        "visibility": "public",
        "contact_name": "Geschäftsstelle der Steuerungsgruppe",
        "contact_email": "steuerungsgruppe@musterstadt.example",
        "members": [
            ("user:" + SITZUNGSLEITUNG, "moderation"),
            ("user:" + AYLIN, "member"),
            ("user:" + JANA, "member"),
            ("actor:gesundheitsplanung", "moderation"),
            ("actor:sozialamt", "member"),
            ("actor:stadtplanung", "member"),
            ("actor:qk_sonnenberg", "member"),
            ("actor:qk_bahnhofsviertel", "member"),
            ("actor:aok", "member"),
            ("actor:gesundheitsamt", "member"),
        ],
    },
    {
        "slug": "kollegiale-beratung",
        "kind": "peer_consultation",
        "name": "Kollegiale Beratung der Quartiersarbeit",
        "neighborhoods": [],
        "purpose": (
            "Ein geschützter Raum für Quartierskoordination und Sozialarbeit: "
            "schwierige Fälle nach festem Ablauf gemeinsam durchdenken. Was hier "
            "besprochen wird, bleibt im Kreis."
        ),
        "mandate": "advisory",
        "mandate_scope": "Beratung im Kollegium, keine Beschlüsse nach außen",
        "recommends_to": None,
        "recommends_to_body": "",
        "participation_stage": 3,
        "visibility": "members",
        "contact_name": "Aylin Demir",
        "contact_email": "sonnenberg@musterstadt.example",
        "members": [
            ("user:" + AYLIN, "moderation"),
            ("user:" + JANA, "member"),
            ("user:haddad@musterstadt.example", "member"),
            ("user:familienzentrum@musterstadt.example", "member"),
        ],
    },
]

BUERGERHAUS = "Bürgerhaus Sonnenberg, Saal, Am Sonnenberg 12 (barrierefrei)"
FAMILIENZENTRUM = "Familienzentrum Bahnhofsviertel, Gruppenraum, Bahnhofstraße 27"
RATHAUS = "Rathaus Musterstadt, Großer Sitzungssaal, Rathausplatz 1"
ST_MARTIN = "Gemeindehaus St. Martin, Saal im Erdgeschoss, Kirchgasse 4"

PEER_PHASES = [
    ("Rollenklärung", 5),
    ("Fallschilderung", 10),
    ("Rückfragen", 10),
    ("Hypothesen", 15),
    ("Lösungsideen", 15),
    ("Abschluss", 5),
]


def _item(title, kind="discussion", description="", minutes="", planned=None):
    return {
        "title": title,
        "kind": kind,
        "description": description,
        "minutes": minutes,
        "planned_minutes": planned,
    }


# day: days from today; start/end: local times; past meetings are held and have
# their agenda and minutes published.
MEETINGS: list[dict[str, Any]] = [
    {
        "key": "gk_fruehjahr",
        "forum": "gesundheitskonferenz",
        "title": "Gesundheitskonferenz: Älter werden im Quartier",
        "day": -150,
        "start": (14, 0),
        "end": (17, 30),
        "address": RATHAUS,
        "capacity": 120,
        "items": [
            _item(
                "Bericht der Stabsstelle: Gesundheitsdaten der Quartiere",
                "information",
                "Schuleingangsuntersuchungen, Pflegestatistik, Hitzetage.",
                "<p>Im Sonnenberg und im Bahnhofsviertel sind deutlich mehr Kinder "
                "übergewichtig als im Durchschnitt des Landkreises. In der Altstadt "
                "lebt jede dritte Person über 75 allein.</p>",
                30,
            ),
            _item(
                "Einsamkeit nach dem Ruhestand",
                "decision",
                "Impuls des Seniorenbüros, Austausch in Tischgruppen.",
                "<p>Die Tischgruppen sammelten Orte, an denen Menschen nach dem "
                "Ruhestand Anschluss finden: Seniorentreff im Bürgerhaus, Lesecafé, "
                "Lauftreff. Es fehlt ein Überblick und jemand, der anspricht.</p>",
                60,
            ),
            _item(
                "Hitzeschutz in den Quartieren",
                "decision",
                "Vorschlag des Gesundheitsamts für einen Hitzeaktionsplan.",
                "<p>Das Gesundheitsamt stellte den Musterplan des Landes vor. "
                "Kühle Orte sollen ausgeschildert und Hitzetelefonketten für "
                "Alleinlebende aufgebaut werden.</p>",
                45,
            ),
        ],
    },
    {
        "key": "qs_mobilitaet",
        "forum": "quartiersforum-sonnenberg",
        "title": "Quartiersforum Sonnenberg: Mobil am Wochenende",
        "day": -70,
        "start": (18, 0),
        "end": (20, 0),
        "address": BUERGERHAUS,
        "capacity": 60,
        "items": [
            _item(
                "Wochenend-Bus zum Sonnenberg",
                "decision",
                "Samstags und sonntags fährt nach 14 Uhr kein Bus auf den Berg.",
                "<p>Viele Ältere kommen am Wochenende nicht in die Stadt und nicht "
                "zur Ärztin. Der Bürgerbus Musterstadt e.V. könnte samstags fahren, "
                "braucht aber Fahrerinnen und Fahrer.</p>",
                45,
            ),
            _item(
                "Regeln des Quartiersfonds 2026",
                "decision",
                "Höchstbetrag, Eilentscheidungen der Koordination, Vergabebeirat.",
                "<p>Das Forum beschloss die Regeln: höchstens 1.500 € je Projekt, "
                "bis 300 € entscheidet die Koordination allein, sonst der "
                "Vergabebeirat mit drei Bewohner:innen.</p>",
                40,
            ),
        ],
    },
    {
        "key": "qs_fonds",
        "forum": "quartiersforum-sonnenberg",
        "title": "Quartiersforum Sonnenberg: Sommerfest und Gehgruppe",
        "day": -40,
        "start": (18, 0),
        "end": (20, 0),
        "address": BUERGERHAUS,
        "capacity": 60,
        "items": [
            _item(
                "Gehgruppe für Menschen mit Diabetes",
                "decision",
                "Vorschlag der Hausarztpraxis Dr. Berger und des Lauftreffs.",
                "<p>Die Praxis verweist Patient:innen, der Lauftreff begleitet. "
                "Treffpunkt dienstags 9 Uhr am Bürgerhaus, die Runde ist 3 km lang "
                "und hat Bänke zum Ausruhen.</p>",
                30,
            ),
            _item(
                "Sommerfest im Quartier",
                "decision",
                "",
                "<p>Das Fest findet im Innenhof der Baugenossenschaft statt, mit "
                "Trinkwasserstation und Schattenplätzen.</p>",
                30,
            ),
            _item(
                "Wochenend-Bus: Stand der Dinge",
                "information",
                "",
                "<p>Der Bürgerbus hat sechs neue Ehrenamtliche gefunden.</p>",
                15,
            ),
        ],
    },
    {
        "key": "qb_spielplatz",
        "forum": "quartiersforum-bahnhofsviertel",
        "title": "Quartiersforum Bahnhofsviertel: Platz zum Spielen",
        "day": -60,
        "start": (17, 0),
        "end": (19, 0),
        "address": FAMILIENZENTRUM,
        "capacity": 30,
        "items": [
            _item(
                "Ein sicherer Spielplatz im Bahnhofsviertel",
                "decision",
                "Der Spielplatz an der Gleisstraße ist kaputt und nachts Treffpunkt.",
                "<p>Eltern berichten von Scherben und fehlender Beleuchtung. Die "
                "Städtische Wohnbau bietet eine Fläche im Hof der Lindenstraße an. "
                "Kinder sollen bei der Planung mitreden.</p>",
                45,
            ),
            _item(
                "Mehrsprachige Gesundheitslotsen",
                "decision",
                "Idee des Community Health Brokers.",
                "<p>Lotsinnen und Lotsen aus den Gemeinden begleiten zu Ärztinnen, "
                "Ämtern und Beratungsstellen – auf Arabisch, Kurdisch, Türkisch, "
                "Ukrainisch und Rumänisch.</p>",
                45,
            ),
        ],
    },
    {
        "key": "qa_baenke",
        "forum": "quartiersforum-altstadt",
        "title": "Quartiersforum Altstadt: Schatten und Bänke",
        "day": -50,
        "start": (16, 0),
        "end": (18, 0),
        "address": ST_MARTIN,
        "capacity": 50,
        "items": [
            _item(
                "Bänke in den steilen Gassen",
                "decision",
                "Die Initiative „Bank statt Bordstein“ hat 14 Stellen kartiert.",
                "<p>Zwischen Marktplatz und Kirchberg fehlt auf 600 Metern jede "
                "Sitzgelegenheit. Das Stadtplanungsamt prüft die Standorte.</p>",
                40,
            ),
            _item(
                "Schatten am Marktplatz",
                "decision",
                "",
                "<p>Bäume in Kübeln und Sonnensegel wurden besprochen; die Apotheke "
                "am Markt bietet eine Trinkwasser-Nachfüllstation an.</p>",
                30,
            ),
        ],
    },
    {
        "key": "sg_hitze",
        "forum": "steuerungsgruppe",
        "title": "Steuerungsgruppe: Hitzeschutz und Gesundheitslotsen",
        "day": -30,
        "start": (9, 0),
        "end": (11, 0),
        "address": "Rathaus Musterstadt, Raum 2.14",
        "capacity": None,
        "items": [
            _item(
                "Hitzeaktionsplan: Zuständigkeiten",
                "decision",
                "",
                "<p>Die Stabsstelle übernimmt die Koordination, das Gesundheitsamt "
                "die Warnungen, die Quartierskoordination die Telefonketten.</p>",
                40,
            ),
            _item(
                "Finanzierung der Gesundheitslotsen",
                "decision",
                "",
                "<p>Die AOK kann ein Pilotjahr über das Präventionsgesetz fördern, "
                "wenn die Stadt die Koordination stellt.</p>",
                40,
            ),
            _item(
                "Eine gemeinsame Sprache für „Gesundheit im Quartier“",
                "discussion",
                "",
                "<p>Jede Stelle versteht etwas anderes unter „gesundem Quartier“. "
                "Ein gemeinsames Glossar soll entstehen.</p>",
                30,
            ),
        ],
    },
    {
        "key": "kb_fall",
        "forum": "kollegiale-beratung",
        "title": "Kollegiale Beratung: Rückzug nach dem Ruhestand",
        "day": -20,
        "start": (14, 0),
        "end": (15, 30),
        "address": "Familienzentrum Bahnhofsviertel, Küche",
        "capacity": None,
        "items": [
            _item(
                title,
                "discussion",
                "",
                "<p>Vertraulich; nur für die Mitglieder der Runde.</p>"
                if title != "Lösungsideen"
                else "<p>Besuch gemeinsam mit dem Seniorenbüro anbieten; "
                "Einladung zum Gehtreff persönlich überbringen.</p>",
                minutes,
            )
            for title, minutes in PEER_PHASES
        ],
    },
    {
        "key": "qs_hitze",
        "forum": "quartiersforum-sonnenberg",
        "title": "Quartiersforum Sonnenberg: Heiße Tage im Hochhaus",
        "day": -10,
        "start": (18, 0),
        "end": (20, 0),
        "address": BUERGERHAUS,
        "capacity": 60,
        "items": [
            _item(
                "Hitze in den oberen Stockwerken",
                "decision",
                "",
                "<p>In den Hochhäusern werden es nachts über 28 Grad. Die "
                "Baugenossenschaft öffnet den klimatisierten Gemeinschaftsraum.</p>",
                40,
            ),
            _item(
                "Rückblick Gehgruppe",
                "information",
                "",
                "<p>Zwölf Teilnehmende, davon acht regelmäßig.</p>",
                15,
            ),
        ],
    },
    {
        "key": "qs_bilanz",
        "forum": "quartiersforum-sonnenberg",
        "title": "Quartiersforum Sonnenberg: Bilanz Wochenend-Bus",
        "day": 20,
        "start": (18, 0),
        "end": (20, 0),
        "address": BUERGERHAUS,
        "capacity": 40,
        "agenda_published": True,
        "items": [
            _item("Wochenend-Bus: Bilanz der Probefahrten", "discussion", "", "", 30),
            _item("Anträge an den Quartiersfonds", "information", "", "", 20),
            _item("Einsamkeit im Alter: Besuchsdienst", "discussion", "", "", 30),
        ],
    },
    {
        "key": "qb_lotsen",
        "forum": "quartiersforum-bahnhofsviertel",
        "title": "Quartiersforum Bahnhofsviertel: Die Gesundheitslotsen stellen "
        "sich vor",
        "day": 30,
        "start": (17, 0),
        "end": (19, 0),
        "address": FAMILIENZENTRUM,
        "capacity": 25,
        "agenda_published": True,
        "items": [
            _item("Die ersten Gesundheitslotsinnen und -lotsen", "information"),
            _item("Spielplatz Lindenstraße: Entwürfe der Kinder", "discussion"),
        ],
    },
    {
        "key": "gk_herbst",
        "forum": "gesundheitskonferenz",
        "title": "Gesundheitskonferenz: Gesundheit im Quartier – eine gemeinsame "
        "Sprache",
        "day": 45,
        "start": (14, 0),
        "end": (17, 30),
        "address": RATHAUS,
        "capacity": 120,
        "agenda_published": False,
        "items": [
            _item("Glossar „Gesundheit im Quartier“: Entwurf", "decision"),
            _item("Bericht aus den Quartiersforen", "information"),
        ],
    },
    {
        "key": "kb_naechste",
        "forum": "kollegiale-beratung",
        "title": "Kollegiale Beratung",
        "day": 14,
        "start": (14, 0),
        "end": (15, 30),
        "address": "Familienzentrum Bahnhofsviertel, Küche",
        "capacity": None,
        "agenda_published": True,
        "items": [
            _item(title, "discussion", "", "", minutes)
            for title, minutes in PEER_PHASES
        ],
    },
]

# (meeting key, person e-mail, needs, language, status)
REGISTRATIONS = [
    ("qs_bilanz", "bewohnerin@musterstadt.example", ["step_free"], "", "confirmed"),
    ("qs_bilanz", "jury@musterstadt.example", [], "", "confirmed"),
    ("qs_bilanz", "partner@musterstadt.example", ["childcare"], "", "confirmed"),
    ("qs_bilanz", "nachbar@musterstadt.example", [], "", "cancelled"),
    (
        "qb_lotsen",
        "haddad@musterstadt.example",
        ["spoken_language"],
        "Arabisch",
        "confirmed",
    ),
    (
        "qb_lotsen",
        "familienzentrum@musterstadt.example",
        ["childcare"],
        "",
        "confirmed",
    ),
    ("qb_lotsen", "bewohnerin@musterstadt.example", ["sign_language"], "", "confirmed"),
    ("gk_herbst", "nachbar@musterstadt.example", ["step_free"], "", "confirmed"),
]

# meeting key → who took part ("user:…" / "actor:…")
ATTENDANCE = {
    "gk_fruehjahr": [
        "user:" + SITZUNGSLEITUNG,
        "user:" + AYLIN,
        "user:" + JANA,
        "actor:gesundheitsamt",
        "actor:aok",
        "actor:seniorenbuero",
        "actor:hausarztpraxis",
        "actor:pflegestuetzpunkt",
        "actor:health_broker",
    ],
    "qs_mobilitaet": [
        "user:" + AYLIN,
        "user:bewohnerin@musterstadt.example",
        "user:partner@musterstadt.example",
        "actor:buergerbus",
        "actor:seniorenbuero",
        "actor:baugenossenschaft",
    ],
    "qs_fonds": [
        "user:" + AYLIN,
        "user:jury@musterstadt.example",
        "actor:hausarztpraxis",
        "actor:lauftreff",
        "actor:sv_sonnenberg",
    ],
    "qb_spielplatz": [
        "user:" + JANA,
        "user:familienzentrum@musterstadt.example",
        "user:haddad@musterstadt.example",
        "actor:wohnbau",
        "actor:moscheegemeinde",
        "actor:soniashnyk",
        "actor:jugendhaus",
    ],
    "qa_baenke": [
        "user:nachbar@musterstadt.example",
        "actor:buergerverein",
        "actor:bank_statt_bordstein",
        "actor:stadtplanung",
        "actor:apotheke",
        "actor:st_martin",
    ],
    "sg_hitze": [
        "user:" + SITZUNGSLEITUNG,
        "user:" + AYLIN,
        "user:" + JANA,
        "actor:gesundheitsamt",
        "actor:aok",
        "actor:sozialamt",
    ],
    "kb_fall": ["user:" + AYLIN, "user:" + JANA, "user:haddad@musterstadt.example"],
    "qs_hitze": [
        "user:" + AYLIN,
        "user:bewohnerin@musterstadt.example",
        "actor:baugenossenschaft",
        "actor:hausarztpraxis",
    ],
}

# The decisions register. item: (meeting key, position from 1); due: days from the
# meeting (None: no due date); path: the status changes after "open", each
# (status, comment, by, days after the meeting).
DECISIONS: list[dict[str, Any]] = [
    {
        "number": 1,
        "item": ("gk_fruehjahr", 2),
        "text": "Die Stadt erstellt eine Übersicht aller Treffpunkte für Menschen im "
        "Ruhestand, gedruckt und online.",
        "rationale": "Viele wissen nicht, wo sie Anschluss finden.",
        "kind": "recommendation",
        "due": 90,
        "responsibilities": [
            ("R", "actor:seniorenbuero"),
            ("A", "actor:sozialamt"),
            ("C", "actor:st_martin"),
            ("I", "actor:ausschuss"),
        ],
        "path": [
            ("in_progress", "Das Seniorenbüro sammelt die Angebote.", AYLIN, 20),
            ("done", "Die Broschüre liegt in Apotheken und Praxen aus.", AYLIN, 85),
        ],
    },
    {
        "number": 2,
        "item": ("gk_fruehjahr", 2),
        "text": "Ein Besuchsdienst spricht Menschen nach dem Ruhestand persönlich an.",
        "rationale": "Wer sich zurückzieht, liest keine Broschüren.",
        "kind": "recommendation",
        "due": 120,
        "responsibilities": [
            ("R", "actor:seniorenbuero"),
            ("C", "actor:caritas"),
            ("I", "user:" + AYLIN),
        ],
        "path": [
            ("in_progress", "Erste Ehrenamtliche werden geschult.", AYLIN, 40),
        ],
    },
    {
        "number": 3,
        "item": ("gk_fruehjahr", 3),
        "text": "Musterstadt stellt bis zum Sommer einen Hitzeaktionsplan auf.",
        "rationale": "Ältere und Kleinkinder sind bei Hitze besonders gefährdet.",
        "kind": "recommendation",
        "due": 100,
        "responsibilities": [
            ("R", "actor:gesundheitsplanung"),
            ("A", "user:" + SITZUNGSLEITUNG),
            ("C", "actor:gesundheitsamt"),
            ("I", "actor:ausschuss"),
        ],
        "path": [
            ("in_progress", "Entwurf liegt vor.", SITZUNGSLEITUNG, 60),
            ("done", "Der Gemeinderat hat den Plan beschlossen.", SITZUNGSLEITUNG, 98),
        ],
    },
    {
        "number": 4,
        "item": ("gk_fruehjahr", 3),
        "text": "Kühle Orte in allen drei Quartieren werden ausgeschildert.",
        "rationale": "",
        "kind": "recommendation",
        "due": 130,
        "responsibilities": [
            ("R", "actor:stadtplanung"),
            ("C", "actor:st_martin"),
            ("C", "actor:bibliothek"),
        ],
        "path": [("in_progress", "Schilder sind bestellt.", SITZUNGSLEITUNG, 70)],
    },
    {
        "number": 5,
        "item": ("gk_fruehjahr", 1),
        "text": "Die Gesundheitsdaten werden jährlich je Quartier veröffentlicht.",
        "rationale": "Transparenz für Politik und Öffentlichkeit.",
        "kind": "recommendation",
        "due": None,
        "responsibilities": [("R", "actor:gesundheitsplanung")],
        "path": [
            (
                "postponed",
                "Erst wenn der Datenschutz die kleinräumige Auswertung freigibt.",
                SITZUNGSLEITUNG,
                30,
            )
        ],
    },
    {
        "number": 6,
        "item": ("qs_mobilitaet", 1),
        "text": "Der Bürgerbus fährt probeweise samstags von 9 bis 17 Uhr stündlich "
        "zum Sonnenberg.",
        "rationale": "Ohne Bus kommen Ältere am Wochenende nicht vom Berg.",
        "kind": "agreement",
        "due": 60,
        "responsibilities": [
            ("R", "actor:buergerbus"),
            ("A", "actor:qk_sonnenberg"),
            ("I", "actor:seniorenbuero"),
        ],
        "path": [
            ("in_progress", "Probebetrieb hat begonnen.", AYLIN, 25),
        ],
    },
    {
        "number": 7,
        "item": ("qs_mobilitaet", 1),
        "text": "Das Forum empfiehlt der Stadt, eine reguläre Wochenendlinie beim "
        "Landkreis zu beantragen.",
        "rationale": "",
        "kind": "recommendation",
        "due": 40,
        "responsibilities": [
            ("R", "actor:gesundheitsplanung"),
            ("I", "actor:ausschuss"),
        ],
        "path": [],
    },
    {
        "number": 8,
        "item": ("qs_mobilitaet", 2),
        "text": "Regeln des Quartiersfonds Sonnenberg 2026: höchstens 1.500 € je "
        "Projekt; bis 300 € entscheidet die Koordination allein.",
        "rationale": "Kleine Vorhaben sollen schnell Geld bekommen.",
        "kind": "resolution",
        "due": 14,
        "responsibilities": [
            ("R", "user:" + AYLIN),
            ("I", "user:jury@musterstadt.example"),
        ],
        "path": [("done", "Die Regeln stehen auf der Website.", AYLIN, 7)],
    },
    {
        "number": 9,
        "item": ("qs_mobilitaet", 2),
        "text": "Der Vergabebeirat bekommt eine vierte Person aus der Nachbarschaft.",
        "rationale": "",
        "kind": "resolution",
        "due": None,
        "responsibilities": [("R", "user:" + AYLIN)],
        "path": [
            (
                "rejected",
                "Verworfen: der Beirat bleibt bei sieben Personen, wie beschlossen.",
                AYLIN,
                1,
            )
        ],
    },
    {
        "number": 10,
        "item": ("qs_fonds", 1),
        "text": "Eine Gehgruppe für Menschen mit Diabetes startet dienstags am "
        "Bürgerhaus.",
        "rationale": "Bewegung hilft, und gemeinsam fällt sie leichter.",
        "kind": "agreement",
        "due": 21,
        "responsibilities": [
            ("R", "actor:lauftreff"),
            ("C", "actor:hausarztpraxis"),
            ("I", "user:bewohnerin@musterstadt.example"),
        ],
        "path": [
            ("in_progress", "Erster Termin hat stattgefunden.", AYLIN, 7),
            ("done", "Die Gruppe läuft jede Woche.", AYLIN, 28),
        ],
    },
    {
        "number": 11,
        "item": ("qs_fonds", 1),
        "text": "Stühle und Sitzkissen für die Gehgruppe werden aus dem "
        "Quartiersfonds bezahlt.",
        "rationale": "",
        "kind": "resolution",
        "due": 10,
        "responsibilities": [("R", "user:" + AYLIN), ("C", "actor:lauftreff")],
        "path": [],
    },
    {
        "number": 12,
        "item": ("qs_fonds", 2),
        "text": "Das Sommerfest findet im Innenhof der Baugenossenschaft statt, mit "
        "Trinkwasser und Schatten.",
        "rationale": "",
        "kind": "agreement",
        "due": 30,
        "responsibilities": [
            ("R", "actor:baugenossenschaft"),
            ("C", "actor:sv_sonnenberg"),
            ("I", "user:partner@musterstadt.example"),
        ],
        "path": [("done", "Das Fest war gut besucht.", AYLIN, 32)],
    },
    {
        "number": 13,
        "item": ("qs_fonds", 2),
        "text": "Beim Sommerfest gibt es Essen aus allen Küchen des Sonnenbergs.",
        "rationale": "",
        "kind": "agreement",
        "due": 30,
        "responsibilities": [("R", "actor:sv_sonnenberg")],
        "path": [
            (
                "postponed",
                "Zu wenig Helfende in diesem Jahr, neuer Anlauf beim nächsten Fest.",
                AYLIN,
                20,
            )
        ],
    },
    {
        "number": 14,
        "item": ("qb_spielplatz", 1),
        "text": "Die Städtische Wohnbau stellt den Hof Lindenstraße als Spielfläche "
        "zur Verfügung.",
        "rationale": "Der alte Spielplatz an der Gleisstraße ist nicht sicher.",
        "kind": "agreement",
        "due": 120,
        "responsibilities": [
            ("R", "actor:wohnbau"),
            ("A", "actor:qk_bahnhofsviertel"),
            ("C", "actor:familienzentrum"),
        ],
        "path": [("in_progress", "Vertrag in Vorbereitung.", JANA, 14)],
    },
    {
        "number": 15,
        "item": ("qb_spielplatz", 1),
        "text": "Kinder aus dem Viertel planen den neuen Spielplatz in zwei "
        "Werkstätten mit.",
        "rationale": "",
        "kind": "agreement",
        "due": 45,
        "responsibilities": [
            ("R", "actor:jugendhaus"),
            ("C", "actor:bibliothek"),
            ("I", "user:familienzentrum@musterstadt.example"),
        ],
        "path": [
            ("in_progress", "Erste Werkstatt mit 18 Kindern.", JANA, 20),
        ],
    },
    {
        "number": 16,
        "item": ("qb_spielplatz", 1),
        "text": "Der Spielplatz Gleisstraße wird nachts beleuchtet.",
        "rationale": "",
        "kind": "recommendation",
        "due": 30,
        "responsibilities": [("R", "actor:stadtplanung")],
        "path": [],
    },
    {
        "number": 17,
        "item": ("qb_spielplatz", 2),
        "text": "Das Forum empfiehlt mehrsprachige Gesundheitslotsen für das "
        "Bahnhofsviertel.",
        "rationale": "Sprache ist die größte Hürde zu Ärztinnen und Ämtern.",
        "kind": "recommendation",
        "due": 60,
        "responsibilities": [
            ("R", "actor:health_broker"),
            ("A", "actor:qk_bahnhofsviertel"),
            ("C", "actor:moscheegemeinde"),
            ("C", "actor:soniashnyk"),
        ],
        "path": [
            ("in_progress", "Die Steuerungsgruppe berät die Finanzierung.", JANA, 30),
        ],
    },
    {
        "number": 18,
        "item": ("qb_spielplatz", 2),
        "text": "Die Lotsen bieten eine Sprechstunde in der Moschee an.",
        "rationale": "",
        "kind": "agreement",
        "due": None,
        "responsibilities": [("R", "user:haddad@musterstadt.example")],
        "path": [],
    },
    {
        "number": 19,
        "item": ("qa_baenke", 1),
        "text": "Die Stadt stellt acht Bänke an den kartierten Stellen der Altstadt "
        "auf.",
        "rationale": "Ältere müssen auf dem Weg zum Markt ausruhen können.",
        "kind": "recommendation",
        "due": 30,
        "responsibilities": [
            ("R", "actor:stadtplanung"),
            ("C", "actor:bank_statt_bordstein"),
            ("I", "user:nachbar@musterstadt.example"),
        ],
        "path": [],
    },
    {
        "number": 20,
        "item": ("qa_baenke", 1),
        "text": "Geschäfte stellen Stühle als „Bank auf Zeit“ vor die Tür.",
        "rationale": "",
        "kind": "agreement",
        "due": 14,
        "responsibilities": [("R", "actor:buergerverein"), ("C", "actor:apotheke")],
        "path": [("done", "Neun Geschäfte machen mit.", AYLIN, 12)],
    },
    {
        "number": 21,
        "item": ("qa_baenke", 2),
        "text": "Am Marktplatz werden Sonnensegel aufgehängt.",
        "rationale": "",
        "kind": "recommendation",
        "due": 40,
        "responsibilities": [("R", "actor:stadtplanung")],
        "path": [
            (
                "rejected",
                "Denkmalschutz erlaubt keine Segel; stattdessen Bäume in Kübeln.",
                SITZUNGSLEITUNG,
                20,
            )
        ],
    },
    {
        "number": 22,
        "item": ("qa_baenke", 2),
        "text": "Die Apotheke am Markt richtet eine Trinkwasser-Nachfüllstation ein.",
        "rationale": "",
        "kind": "agreement",
        "due": 20,
        "responsibilities": [("R", "actor:apotheke")],
        "path": [("done", "Die Station ist in Betrieb.", AYLIN, 15)],
    },
    {
        "number": 23,
        "item": ("sg_hitze", 1),
        "text": "Die Quartierskoordination baut Hitzetelefonketten für Alleinlebende "
        "auf.",
        "rationale": "",
        "kind": "resolution",
        "due": 14,
        "responsibilities": [
            ("R", "actor:qk_sonnenberg"),
            ("R", "actor:qk_bahnhofsviertel"),
            ("A", "actor:gesundheitsplanung"),
            ("I", "actor:gesundheitsamt"),
        ],
        "path": [("in_progress", "Sonnenberg hat begonnen.", AYLIN, 5)],
    },
    {
        "number": 24,
        "item": ("sg_hitze", 2),
        "text": "Die Stadt beantragt bei der AOK ein Pilotjahr für die "
        "Gesundheitslotsen.",
        "rationale": "Förderung nach dem Präventionsgesetz.",
        "kind": "resolution",
        "due": 45,
        "responsibilities": [
            ("R", "actor:gesundheitsplanung"),
            ("C", "actor:aok"),
            ("I", "user:" + JANA),
        ],
        "path": [],
    },
    {
        "number": 25,
        "item": ("sg_hitze", 2),
        "text": "Eine halbe Stelle für die Koordination der Lotsen wird im Haushalt "
        "angemeldet.",
        "rationale": "",
        "kind": "resolution",
        "due": None,
        "responsibilities": [
            ("R", "actor:sozialamt"),
            ("A", "user:" + SITZUNGSLEITUNG),
        ],
        "path": [
            (
                "postponed",
                "Wartet auf die Haushaltsberatungen im Herbst.",
                SITZUNGSLEITUNG,
                10,
            )
        ],
    },
    {
        "number": 26,
        "item": ("sg_hitze", 3),
        "text": "Bis zur Gesundheitskonferenz im Herbst entsteht ein Glossar "
        "„Gesundheit im Quartier“.",
        "rationale": "Damit alle Stellen dasselbe meinen.",
        "kind": "agreement",
        "due": 40,
        "responsibilities": [
            ("R", "actor:gesundheitsplanung"),
            ("C", "actor:qk_sonnenberg"),
            ("C", "actor:qk_bahnhofsviertel"),
            ("C", "actor:health_broker"),
        ],
        "path": [("in_progress", "Erster Entwurf mit 20 Begriffen.", AYLIN, 15)],
    },
    {
        "number": 27,
        "item": ("qs_hitze", 1),
        "text": "Die Baugenossenschaft öffnet an Hitzetagen den Gemeinschaftsraum "
        "als kühlen Ort.",
        "rationale": "",
        "kind": "agreement",
        "due": 3,
        "responsibilities": [
            ("R", "actor:baugenossenschaft"),
            ("I", "user:bewohnerin@musterstadt.example"),
        ],
        "path": [],
    },
    {
        "number": 28,
        "item": ("qs_hitze", 1),
        "text": "Ein Aushang in jedem Hochhaus nennt die kühlen Orte und die "
        "Hitzetelefonkette.",
        "rationale": "",
        "kind": "agreement",
        "due": 21,
        "responsibilities": [("R", "user:" + AYLIN), ("C", "actor:baugenossenschaft")],
        "path": [],
    },
]


def meeting_times(spec: dict[str, Any], today: datetime.date) -> tuple[Any, Any]:
    """Start and end of a demo meeting, `spec["day"]` days from `today`."""
    from django.utils import timezone

    day = today + datetime.timedelta(days=spec["day"])
    start = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(*spec["start"]))
    )
    end = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(*spec["end"]))
    )
    return start, end


def load(summary: Any) -> None:
    """Write the forums of Musterstadt; rows are found by their natural keys."""
    from django.utils import timezone

    from quartier.core.models import Neighborhood
    from quartier.core.sanitize import clean_html
    from quartier.demo import loader
    from quartier.forums.models import (
        AgendaItem,
        Attendance,
        Decision,
        DecisionStatusChange,
        Forum,
        ForumMember,
        Meeting,
        Registration,
        Responsibility,
    )

    municipality = loader.get_municipality(SLUG)
    today = timezone.localdate()
    users: dict[str, Any] = {}
    actors: dict[str, Any] = {}

    def who(ref: str) -> tuple[str, Any]:
        kind, key = ref.split(":", 1)
        if kind == "user":
            if key not in users:
                users[key] = loader.get_user(key)
            return "user", users[key]
        if key not in actors:
            actors[key] = loader.get_actor(municipality, key)
        return "actor", actors[key]

    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    forums: dict[str, Forum] = {}
    for spec in FORUMS:
        values = {
            k: v
            for k, v in spec.items()
            if k not in ("slug", "neighborhoods", "members", "recommends_to")
        }
        values["archived_at"] = None
        forum = loader._upsert(
            Forum,
            {"municipality": municipality, "slug": spec["slug"]},
            values,
            summary,
            "forum",
        )
        loader._set_m2m(
            forum, "neighborhoods", [neighborhoods[s] for s in spec["neighborhoods"]]
        )
        forums[spec["slug"]] = forum
    for spec in FORUMS:
        target = forums.get(spec["recommends_to"] or "")
        forum = forums[spec["slug"]]
        if forum.recommends_to_id != (target.pk if target else None):
            loader._upsert(
                Forum,
                {"pk": forum.pk},
                {"recommends_to": target},
                summary,
                "forum",
            )
        for ref, role in spec["members"]:
            kind, obj = who(ref)
            loader._upsert(
                ForumMember,
                {"forum": forum, kind: obj},
                {"role": role},
                summary,
                "forum member",
            )

    meetings: dict[str, Meeting] = {}
    items: dict[tuple[str, int], AgendaItem] = {}
    for spec in MEETINGS:
        start, end = meeting_times(spec, today)
        past = spec["day"] < 0
        published = past or spec.get("agenda_published", False)
        forum = forums[spec["forum"]]
        existing = Meeting.objects.filter(forum=forum, title=spec["title"]).first()

        meeting = loader._upsert(
            Meeting,
            {"municipality": municipality, "forum": forum, "title": spec["title"]},
            {
                "starts_at": start,
                "ends_at": end,
                "address": spec["address"],
                "capacity": spec["capacity"],
                "status": "held" if past else "planned",
                "registration_open": not past,
                "agenda_published_at": _stamp(
                    existing,
                    "agenda_published_at",
                    published,
                    min(start - datetime.timedelta(days=7), timezone.now()),
                ),
                "minutes_published_at": _stamp(
                    existing, "minutes_published_at", past, end
                ),
            },
            summary,
            "meeting",
        )
        meetings[spec["key"]] = meeting
        for position, item in enumerate(spec["items"], 1):
            items[(spec["key"], position)] = loader._upsert(
                AgendaItem,
                {
                    "municipality": municipality,
                    "meeting": meeting,
                    "title": item["title"],
                },
                {
                    "position": position,
                    "kind": item["kind"],
                    "description": item["description"],
                    "minutes": clean_html(item["minutes"]) if past else "",
                    "planned_minutes": item["planned_minutes"],
                    "status": "accepted",
                },
                summary,
                "agenda item",
            )
    # One proposal waiting for the moderation of the autumn conference.
    loader._upsert(
        AgendaItem,
        {
            "municipality": municipality,
            "meeting": meetings["gk_herbst"],
            "title": "Hitzeschutz: Erfahrungen des ersten Sommers",
        },
        {
            "position": 3,
            "kind": "discussion",
            "status": "proposed",
            "proposer": users.get(AYLIN) or loader.get_user(AYLIN),
        },
        summary,
        "agenda item",
    )

    for key, email, needs, language, status in REGISTRATIONS:
        loader._upsert(
            Registration,
            {
                "municipality": municipality,
                "meeting": meetings[key],
                "user": who("user:" + email)[1],
            },
            {"needs": needs, "language": language, "status": status},
            summary,
            "registration",
        )
    for key, refs in ATTENDANCE.items():
        for ref in refs:
            kind, obj = who(ref)
            loader._upsert(
                Attendance,
                {"municipality": municipality, "meeting": meetings[key], kind: obj},
                {},
                summary,
                "attendance",
            )

    for spec in DECISIONS:
        meeting_key, position = spec["item"]
        item = items[(meeting_key, position)]
        decided_on = timezone.localdate(item.meeting.starts_at)
        status = spec["path"][-1][0] if spec["path"] else "open"
        due = spec["due"]
        decision = loader._upsert(
            Decision,
            {"municipality": municipality, "number": spec["number"]},
            {
                "forum": item.meeting.forum,
                "agenda_item": item,
                "text": spec["text"],
                "rationale": spec["rationale"],
                "kind": spec["kind"],
                "status": status,
                "decided_on": decided_on,
                "due_date": decided_on + datetime.timedelta(days=due)
                if due is not None
                else None,
            },
            summary,
            "decision",
        )
        for role, ref in spec["responsibilities"]:
            kind, obj = who(ref)
            _, created = Responsibility.objects.get_or_create(
                decision=decision, role=role, **{kind: obj}
            )
            summary.add("responsibility", "created" if created else "unchanged")
        changes = [("", "open", "Im Forum beschlossen.", item_moderator(spec), 0)]
        previous = "open"
        for new, comment, by, days in spec["path"]:
            changes.append((previous, new, comment, by, days))
            previous = new
        for old, new, comment, by, days in changes:
            loader._upsert(
                DecisionStatusChange,
                {"decision": decision, "old_status": old, "new_status": new},
                {
                    "comment": comment,
                    "changed_by": who("user:" + by)[1],
                    "changed_at": timezone.localtime(item.meeting.ends_at)
                    + datetime.timedelta(days=days),
                },
                summary,
                "status change",
            )


def _stamp(existing: Any, field: str, wanted: bool, default: Any) -> Any:
    """A publication time: kept from an earlier run, set when missing, or cleared."""
    current = getattr(existing, field, None) if existing else None
    if wanted:
        return current or default
    return None


def item_moderator(spec: dict[str, Any]) -> str:
    """Who recorded a decision: the moderating person of its forum."""
    meeting = next(m for m in MEETINGS if m["key"] == spec["item"][0])
    forum = next(f for f in FORUMS if f["slug"] == meeting["forum"])
    for ref, role in forum["members"]:
        if role == "moderation" and ref.startswith("user:"):
            return ref.split(":", 1)[1]
    return AYLIN

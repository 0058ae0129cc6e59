"""Beispielheim, the small second demo municipality (see DEMO-WORLD.md).

Same shapes as `musterstadt.py`. It exists to make multi-tenancy visible: none of its
data may show up in Musterstadt's internal views, and the other way round.
"""

from __future__ import annotations

from datetime import date

SLUG = "beispielheim"
POSTCODE = "70997 Beispielheim"

MUNICIPALITY = {
    "slug": SLUG,
    "name": "Beispielheim",
    "land": "BW",
    "description": (
        "<p>Beispielheim ist eine Gemeinde mit rund 5.200 Einwohnerinnen und "
        "Einwohnern im Landkreis. Vereine, Landfrauen und Nachbarschaftshilfe tragen "
        "hier schon viel; jetzt machen wir uns gemeinsam auf den Weg, damit man im "
        "Ortskern gesund älter werden kann.</p>"
    ),
    "moderation_mode": "pre",
    "response_days": 21,
    "shares_with_advisers": False,
    "contact_email": "rathaus@beispielheim.example",
}

NEIGHBORHOODS = [
    {
        "slug": "ortskern",
        "name": "Ortskern",
        "population": 5200,
        "description": (
            "Der alte Ortskern mit Rathaus, Kirche und Dorfplatz, dazu die "
            "Neubaugebiete am Hang. Viele Familien wohnen seit Generationen hier; "
            "der letzte Lebensmittelladen hat 2023 geschlossen."
        ),
        "boundary": {
            "type": "Polygon",
            "coordinates": [
                [
                    [9.1020, 48.7040],
                    [9.1110, 48.7035],
                    [9.1135, 48.7090],
                    [9.1060, 48.7120],
                    [9.1005, 48.7085],
                    [9.1020, 48.7040],
                ]
            ],
        },
    },
]

ACTORS = [
    {
        "key": "buergermeisteramt",
        "name": "Bürgermeisteramt Beispielheim",
        "kind": "administration",
        "sectors": ["verwaltung"],
        "neighborhoods": [],
        "description": (
            "<p>Das Bürgermeisteramt ist Anlaufstelle für alle Anliegen im Ort. Es "
            "unterstützt Vereine mit Räumen und Zuschüssen und lädt zum ersten "
            "Bürgerdialog „Gut älter werden in Beispielheim“ ein.</p>"
        ),
        "address": f"Rathausplatz 1, {POSTCODE}",
        "phone": "07997 950-0",
        "email": "rathaus@beispielheim.example",
        "website": "https://www.beispielheim.example",
    },
    {
        "key": "musikverein",
        "name": "Musikverein Beispielheim e.V.",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft"],
        "neighborhoods": ["ortskern"],
        "description": (
            "<p>Blasmusik für alle Generationen: Jugendkapelle, Stammkapelle und eine "
            "Seniorenkapelle, die einmal im Monat im Pflegeheim und beim "
            "Seniorenkreis spielt.</p>"
        ),
        "address": f"Schulstraße 4, {POSTCODE}",
        "phone": "07997 81 22",
        "email": "vorstand@mv-beispielheim.example",
        "website": "https://mv-beispielheim.example",
    },
    {
        "key": "landfrauen",
        "name": "Landfrauen Beispielheim",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft", "bewohnerinnen"],
        "neighborhoods": ["ortskern"],
        "description": (
            "<p>Die Landfrauen bieten Kochkurse mit regionalen Lebensmitteln, "
            "Gymnastik und Vorträge zu Gesundheit und Pflege an und backen für fast "
            "jedes Fest im Ort.</p>"
        ),
        "address": f"Kelterweg 9, {POSTCODE}",
        "phone": "07997 83 45",
        "email": "landfrauen@beispielheim.example",
        "website": "https://landfrauen-beispielheim.example",
    },
    {
        "key": "seniorenkreis",
        "name": "Seniorenkreis Beispielheim",
        "kind": "initiative",
        "sectors": ["soziales", "bewohnerinnen"],
        "neighborhoods": ["ortskern"],
        "description": (
            "<p>Jeden zweiten Mittwoch treffen sich Ältere im Gemeindehaus zu "
            "Kaffee, Gedächtnistraining und Ausflügen. Wer nicht mehr gut zu Fuß "
            "ist, wird abgeholt.</p>"
        ),
        "address": f"Gemeindehaus, Kirchstraße 2, {POSTCODE}",
        "phone": "07997 85 10",
        "email": "seniorenkreis@beispielheim.example",
        "website": "",
    },
    {
        "key": "nachbarschaftshilfe",
        "name": "Nachbarschaftshilfe Beispielheim e.V.",
        "kind": "organisation",
        "sectors": ["soziales", "zivilgesellschaft"],
        "neighborhoods": ["ortskern"],
        "description": (
            "<p>Rund 30 Helferinnen und Helfer unterstützen Ältere und Familien im "
            "Alltag: Einkaufen, Fahrten zum Arzt, Begleitung und stundenweise "
            "Entlastung pflegender Angehöriger.</p>"
        ),
        "address": f"Hauptstraße 21, {POSTCODE}",
        "phone": "07997 86 60",
        "email": "einsatzleitung@nbh-beispielheim.example",
        "website": "https://nbh-beispielheim.example",
    },
    {
        "key": "arbeitskreis",
        "name": "Arbeitskreis Älterwerden im Ort",
        "kind": "initiative",
        "sectors": ["verwaltung", "zivilgesellschaft"],
        "neighborhoods": ["ortskern"],
        "visibility": "internal",
        "description": (
            "<p>Bürgermeisteramt, Nachbarschaftshilfe und Seniorenkreis bereiten "
            "gemeinsam den ersten Bürgerdialog vor und sammeln Ideen für einen "
            "Dorfladen mit Mittagstisch.</p>"
        ),
        "address": f"Rathausplatz 1, {POSTCODE}",
        "phone": "07997 950-12",
        "email": "arbeitskreis@beispielheim.example",
        "website": "",
    },
]

# fmt: off
TIES = [
    ("buergermeisteramt", "nachbarschaftshilfe", "funding", 3, date(2016, 1, 1),
     "Jährlicher Zuschuss der Gemeinde für die Einsatzleitung."),
    ("landfrauen", "seniorenkreis", "cooperation", 2, date(2015, 5, 1),
     "Kuchen und Gymnastik beim Seniorennachmittag."),
    ("musikverein", "seniorenkreis", "cooperation", 1, date(2019, 12, 1),
     "Ständchen der Seniorenkapelle zur Adventsfeier."),
    ("nachbarschaftshilfe", "seniorenkreis", "referral", 2, date(2018, 3, 1),
     "Fahrdienst zu den Treffen."),
    ("buergermeisteramt", "landfrauen", "information", 1, date(2020, 1, 1), ""),
    ("arbeitskreis", "buergermeisteramt", "membership", 3, date(2026, 2, 1),
     "Das Bürgermeisteramt leitet den Arbeitskreis."),
    ("arbeitskreis", "nachbarschaftshilfe", "membership", 2, date(2026, 2, 1), ""),
]
# fmt: on

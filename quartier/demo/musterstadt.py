"""Musterstadt, the main demo municipality (see DEMO-WORLD.md).

Plain data only, so that later modules can read and extend it. Actors are keyed by a
short `key`; ties name their two actors by key. Actor descriptions are rich text
(sanitised on load), neighbourhood descriptions plain text. All names are invented;
e-mail addresses and websites use `.example` domains, phone numbers the unused
area code 07999.
"""

from __future__ import annotations

from datetime import date

SLUG = "musterstadt"
POSTCODE = "70999 Musterstadt"

MUNICIPALITY = {
    "slug": SLUG,
    "name": "Musterstadt",
    "land": "BW",
    "description": (
        "<p>Musterstadt ist eine Große Kreisstadt in Baden-Württemberg mit rund "
        "48.000 Einwohnerinnen und Einwohnern. Seit 2024 gestalten hier Verwaltung, "
        "Vereine, Praxen, Wohnungsunternehmen und Nachbarschaften gemeinsam gesunde "
        "Quartiere – als Teil der Landesstrategie „Quartier 2030“.</p>"
        "<p>Die Gesundheitskonferenz Musterstadt tagt zweimal im Jahr. Im Sonnenberg "
        "und im Bahnhofsviertel sind die Quartierskoordinatorinnen Ihre "
        "Ansprechpartnerinnen – schauen Sie vorbei, machen Sie mit!</p>"
    ),
    "moderation_mode": "post",
    "response_days": 21,
    "shares_with_advisers": True,
    "contact_email": "quartier@musterstadt.example",
}

# Boundaries: GeoJSON Polygons (RFC 7946: [longitude, latitude], exterior rings
# counter-clockwise, first position repeated at the end). Fictional shapes.
NEIGHBORHOODS = [
    {
        "slug": "altstadt",
        "name": "Altstadt",
        "population": 6800,
        "description": (
            "Der historische Stadtkern rund um Marktplatz und Kirche St. Martin, mit "
            "steilen Gassen und vielen Treppen. Hier leben besonders viele ältere "
            "Menschen allein; kleine Läden schließen, Grünflächen und schattige "
            "Sitzplätze sind selten."
        ),
        "boundary": {
            "type": "Polygon",
            "coordinates": [
                [
                    [9.1440, 48.7465],
                    [9.1540, 48.7455],
                    [9.1585, 48.7500],
                    [9.1560, 48.7550],
                    [9.1480, 48.7565],
                    [9.1425, 48.7520],
                    [9.1440, 48.7465],
                ]
            ],
        },
    },
    {
        "slug": "bahnhofsviertel",
        "name": "Bahnhofsviertel",
        "population": 9400,
        "description": (
            "Dicht bebaut, laut und jung: Viele Familien mit kleinen Kindern leben "
            "hier, 48 % der Bewohnerinnen und Bewohner haben eine "
            "Einwanderungsgeschichte (vor allem aus der Türkei, Syrien, der Ukraine "
            "und Rumänien). Kinder haben wenig Platz zum Spielen."
        ),
        "boundary": {
            "type": "Polygon",
            "coordinates": [
                [
                    [9.1300, 48.7380],
                    [9.1450, 48.7370],
                    [9.1540, 48.7455],
                    [9.1440, 48.7465],
                    [9.1350, 48.7460],
                    [9.1280, 48.7420],
                    [9.1300, 48.7380],
                ]
            ],
        },
    },
    {
        "slug": "sonnenberg",
        "name": "Sonnenberg",
        "population": 7900,
        "description": (
            "Die Hochhaussiedlung aus den 1970er-Jahren auf dem Hügel. Viele "
            "Alleinerziehende und Rentnerinnen und Rentner mit kleinem Einkommen, "
            "aber gute Nachbarschaftsnetze rund um das Bürgerhaus. Am Wochenende "
            "fährt kaum ein Bus in die Stadt."
        ),
        "boundary": {
            "type": "Polygon",
            "coordinates": [
                [
                    [9.1600, 48.7540],
                    [9.1780, 48.7520],
                    [9.1850, 48.7600],
                    [9.1800, 48.7680],
                    [9.1650, 48.7690],
                    [9.1590, 48.7620],
                    [9.1600, 48.7540],
                ]
            ],
        },
    },
]

# kind: organisation | initiative | administration | intermediary
# sectors: codes of actors.Sector; neighborhoods: slugs, [] = the whole town.
ACTORS = [
    {
        "key": "gesundheitsplanung",
        "name": "Stadt Musterstadt – Stabsstelle Gesundheitsplanung",
        "kind": "administration",
        "sectors": ["verwaltung"],
        "neighborhoods": [],
        "description": (
            "<p>Die Stabsstelle koordiniert die Gesundheitsplanung der Stadt und "
            "führt die Geschäfte der Gesundheitskonferenz Musterstadt. Sie bringt "
            "Daten und Anliegen aus den Quartieren zusammen und berichtet an die "
            "Kommunale Gesundheitskonferenz des Landkreises.</p>"
        ),
        "address": f"Rathausplatz 1, {POSTCODE}",
        "phone": "07999 301-410",
        "email": "gesundheitsplanung@musterstadt.example",
        "website": "https://www.musterstadt.example/gesundheit",
    },
    {
        "key": "sozialamt",
        "name": "Stadt Musterstadt – Amt für Soziales und Teilhabe",
        "kind": "administration",
        "sectors": ["verwaltung", "soziales"],
        "neighborhoods": [],
        "description": (
            "<p>Das Amt berät zu Sozialleistungen, Wohngeld und Bildung und Teilhabe "
            "und gibt die Musterstadt-Card aus. Es ist Träger der beiden "
            "Quartierskoordinationen und fördert Seniorenbüro, Familienzentrum und "
            "Jugendhaus.</p>"
        ),
        "address": f"Rathausplatz 3, {POSTCODE}",
        "phone": "07999 301-500",
        "email": "soziales@musterstadt.example",
        "website": "https://www.musterstadt.example/soziales",
    },
    {
        "key": "stadtplanung",
        "name": "Stadt Musterstadt – Stadtplanungsamt",
        "kind": "administration",
        "sectors": ["verwaltung"],
        "neighborhoods": [],
        "description": (
            "<p>Das Stadtplanungsamt plant Straßen, Plätze und Grünflächen. Gemeinsam "
            "mit den Quartieren prüft es Standorte für Sitzbänke, Schattenplätze und "
            "Spielflächen und bringt Gesundheit als Belang in die Bauleitplanung "
            "ein.</p>"
        ),
        "address": f"Technisches Rathaus, Kelterstraße 12, {POSTCODE}",
        "phone": "07999 301-600",
        "email": "stadtplanung@musterstadt.example",
        "website": "https://www.musterstadt.example/stadtplanung",
    },
    {
        "key": "gesundheitsamt",
        "name": "Gesundheitsamt des Landkreises",
        "kind": "administration",
        "sectors": ["verwaltung", "gesundheitswesen"],
        "neighborhoods": [],
        "description": (
            "<p>Das Gesundheitsamt im Landratsamt ist zuständig für Gesundheitsschutz, "
            "Kinder- und Jugendgesundheit und die Kommunale Gesundheitskonferenz des "
            "Landkreises. In Musterstadt unterstützt es Hitzeschutz, "
            "Einschulungsuntersuchungen und Impfaktionen in den Quartieren.</p>"
        ),
        "address": f"Landratsamt, Kreishausstraße 5, {POSTCODE}",
        "phone": "07999 8820-300",
        "email": "gesundheitsamt@landkreis.example",
        "website": "https://www.landkreis.example/gesundheitsamt",
    },
    {
        "key": "ausschuss",
        "name": "Gemeinderat, Ausschuss für Soziales und Gesundheit",
        "kind": "administration",
        "sectors": ["politik"],
        "neighborhoods": [],
        "description": (
            "<p>Der Ausschuss berät die Empfehlungen der Gesundheitskonferenz und "
            "bereitet Beschlüsse des Gemeinderats zu Sozial- und Gesundheitsthemen "
            "vor. Er tagt öffentlich, in der Regel einmal im Monat im großen "
            "Sitzungssaal des Rathauses.</p>"
        ),
        "address": f"Rathausplatz 1, {POSTCODE}",
        "phone": "07999 301-100",
        "email": "gemeinderat@musterstadt.example",
        "website": "https://www.musterstadt.example/gemeinderat",
    },
    {
        "key": "qk_sonnenberg",
        "name": "Quartierskoordination Sonnenberg",
        "kind": "intermediary",
        "sectors": ["verwaltung", "soziales"],
        "neighborhoods": ["sonnenberg"],
        "description": (
            "<p>Aylin Demir ist Ansprechpartnerin für alle, die im Sonnenberg etwas "
            "bewegen wollen. Sie moderiert das Quartiersforum, betreut den "
            "Quartiersfonds und vernetzt Vereine, Praxen, Schule und "
            "Wohnungsunternehmen rund um gesundes Aufwachsen und Älterwerden.</p>"
        ),
        "address": f"Bürgerhaus Sonnenberg, Bürgerhausplatz 1, {POSTCODE}",
        "phone": "07999 301-720",
        "email": "quartier-sonnenberg@musterstadt.example",
        "website": "https://www.musterstadt.example/sonnenberg",
    },
    {
        "key": "qk_bahnhofsviertel",
        "name": "Quartierskoordination Bahnhofsviertel",
        "kind": "intermediary",
        "sectors": ["verwaltung", "soziales"],
        "neighborhoods": ["bahnhofsviertel"],
        "description": (
            "<p>Jana Kowalski koordiniert die Quartiersarbeit im Bahnhofsviertel und "
            "lädt alle zwei Monate zum Quartiersforum ins Familienzentrum ein. "
            "Schwerpunkte sind sichere Spielflächen, Lärm und der Zugang zu "
            "Gesundheitsangeboten für Familien, die wenig Deutsch sprechen.</p>"
        ),
        "address": f"Bahnhofstraße 24, {POSTCODE}",
        "phone": "07999 301-730",
        "email": "quartier-bahnhofsviertel@musterstadt.example",
        "website": "https://www.musterstadt.example/bahnhofsviertel",
    },
    {
        "key": "health_broker",
        "name": "Community Health Broker",
        "kind": "intermediary",
        "sectors": ["gesundheitswesen", "soziales"],
        "neighborhoods": ["bahnhofsviertel", "sonnenberg"],
        "description": (
            "<p>Samir Haddad baut Brücken zwischen Gesundheitsangeboten und Menschen, "
            "die sie bisher kaum erreichen. Er spricht Arabisch, Kurdisch und "
            "Deutsch, begleitet zu Praxen und Beratungsstellen und baut mit "
            "Moscheegemeinde und Familienzentrum einen mehrsprachigen "
            "Gesundheitslotsendienst auf.</p>"
        ),
        "address": f"Bahnhofstraße 24, {POSTCODE}",
        "phone": "07999 301-735",
        "email": "gesundheitslotsen@musterstadt.example",
        "website": "https://www.musterstadt.example/gesundheitslotsen",
    },
    {
        "key": "buergerverein",
        "name": "Bürgerverein Altstadt e.V.",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft", "bewohnerinnen"],
        "neighborhoods": ["altstadt"],
        "description": (
            "<p>Der Bürgerverein setzt sich seit über 40 Jahren für eine lebendige "
            "Altstadt ein. Er lädt zum Seniorentreff am Marktplatz-Brunnen ein, "
            "bietet Stadtführungen mit Sitzpausen an und unterstützt die Initiative "
            "„Bank statt Bordstein“.</p>"
        ),
        "address": f"Kirchgasse 7, {POSTCODE}",
        "phone": "07999 44 21 87",
        "email": "vorstand@buergerverein-altstadt.example",
        "website": "https://buergerverein-altstadt.example",
    },
    {
        "key": "sv_sonnenberg",
        "name": "Sportverein Sonnenberg e.V.",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft"],
        "neighborhoods": ["sonnenberg"],
        "description": (
            "<p>Mit rund 650 Mitgliedern ist der SV Sonnenberg der größte Verein am "
            "Berg. Neben Fußball und Turnen bietet er Reha-Sport, Sturzprophylaxe "
            "für Ältere und ein kostenloses Bewegungsangebot für Kinder in der "
            "Turnhalle der Grundschule an.</p>"
        ),
        "address": f"Am Sportplatz 3, {POSTCODE}",
        "phone": "07999 55 01 20",
        "email": "info@sv-sonnenberg.example",
        "website": "https://sv-sonnenberg.example",
    },
    {
        "key": "familienzentrum",
        "name": "Familienzentrum Bahnhofsviertel",
        "kind": "organisation",
        "sectors": ["soziales", "bildung"],
        "neighborhoods": ["bahnhofsviertel"],
        "description": (
            "<p>Offener Treff für Familien mit Elterncafé, Hebammensprechstunde, "
            "Deutschkursen mit Kinderbetreuung und Sozialberatung. Hier tagt alle "
            "zwei Monate das Quartiersforum Bahnhofsviertel.</p>"
        ),
        "address": f"Lindenstraße 15, {POSTCODE}",
        "phone": "07999 66 30 40",
        "email": "info@familienzentrum-bahnhofsviertel.example",
        "website": "https://familienzentrum-bahnhofsviertel.example",
    },
    {
        "key": "st_martin",
        "name": "Evangelische Kirchengemeinde St. Martin",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft"],
        "neighborhoods": ["altstadt"],
        "description": (
            "<p>Die Gemeinde lädt alleinlebende Ältere zum Mittagstisch ein, "
            "organisiert einen Besuchsdienst und stellt das Gemeindehaus für Gruppen "
            "zur Verfügung. An heißen Sommertagen ist die kühle Kirche als "
            "Ruheort geöffnet.</p>"
        ),
        "address": f"Kirchplatz 2, {POSTCODE}",
        "phone": "07999 44 10 20",
        "email": "pfarramt@st-martin-musterstadt.example",
        "website": "https://st-martin-musterstadt.example",
    },
    {
        "key": "moscheegemeinde",
        "name": "DITIB-Moscheegemeinde Musterstadt",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft"],
        "neighborhoods": ["bahnhofsviertel"],
        "description": (
            "<p>Die Moscheegemeinde ist für viele Familien im Bahnhofsviertel ein "
            "wichtiger Treffpunkt. Mit dem Community Health Broker lädt sie zu "
            "Gesundheitsvorträgen auf Türkisch und Arabisch ein, etwa zu Diabetes "
            "und zum gesunden Fasten im Ramadan.</p>"
        ),
        "address": f"Gartenstraße 41, {POSTCODE}",
        "phone": "07999 66 77 88",
        "email": "info@moschee-musterstadt.example",
        "website": "https://moschee-musterstadt.example",
    },
    {
        "key": "soniashnyk",
        "name": 'Ukrainischer Kulturverein "Soniashnyk" e.V.',
        "kind": "organisation",
        "sectors": ["zivilgesellschaft"],
        "neighborhoods": ["bahnhofsviertel"],
        "description": (
            "<p>Anlaufstelle für Geflüchtete aus der Ukraine: Beratung in der "
            "Muttersprache, Hilfe bei Arztterminen und Behördengängen und eine "
            "Gesprächsgruppe für Menschen, die Krieg und Flucht erlebt haben.</p>"
        ),
        "address": f"Bahnhofstraße 52, {POSTCODE}",
        "phone": "07999 66 12 34",
        "email": "kontakt@soniashnyk.example",
        "website": "https://soniashnyk.example",
    },
    {
        "key": "seniorenbuero",
        "name": "Seniorenbüro Musterstadt",
        "kind": "organisation",
        "sectors": ["soziales"],
        "neighborhoods": [],
        "description": (
            "<p>Das Seniorenbüro berät ältere Menschen und ihre Angehörigen zu "
            "Alltagshilfen, Wohnen im Alter und Freizeit. Es vermittelt "
            "ehrenamtliche Besuchspatenschaften gegen Einsamkeit und lädt zum "
            "Seniorentreff im Bürgerhaus Sonnenberg ein.</p>"
        ),
        "address": f"Marktplatz 4, {POSTCODE}",
        "phone": "07999 301-540",
        "email": "seniorenbuero@musterstadt.example",
        "website": "https://www.musterstadt.example/senioren",
    },
    {
        "key": "tafel",
        "name": "Tafel Musterstadt e.V.",
        "kind": "organisation",
        "sectors": ["soziales"],
        "neighborhoods": [],
        "description": (
            "<p>Die Tafel gibt zweimal in der Woche Lebensmittel an Menschen mit "
            "geringem Einkommen aus. Im Tafelladen liegen Hinweise auf "
            "Beratungsangebote aus, und einmal im Monat wird gemeinsam mit frischem "
            "Gemüse gekocht.</p>"
        ),
        "address": f"Neckarstraße 9, {POSTCODE}",
        "phone": "07999 77 45 60",
        "email": "info@tafel-musterstadt.example",
        "website": "https://tafel-musterstadt.example",
    },
    {
        "key": "caritas",
        "name": "Caritas-Beratungsstelle",
        "kind": "organisation",
        "sectors": ["soziales"],
        "neighborhoods": [],
        "description": (
            "<p>Schuldner- und Sozialberatung für alle, unabhängig von Religion und "
            "Herkunft. Die Beraterinnen helfen bei Anträgen, Mietschulden und "
            "drohenden Energiesperren und halten einmal im Monat eine offene "
            "Sprechstunde im Familienzentrum.</p>"
        ),
        "address": f"Schillerstraße 18, {POSTCODE}",
        "phone": "07999 77 20 10",
        "email": "beratung@caritas-musterstadt.example",
        "website": "https://caritas-musterstadt.example",
    },
    {
        "key": "suchtberatung",
        "name": "Diakonie Suchtberatung",
        "kind": "organisation",
        "sectors": ["gesundheitswesen", "soziales"],
        "neighborhoods": [],
        "description": (
            "<p>Vertrauliche und kostenlose Beratung bei Problemen mit Alkohol, "
            "Medikamenten, Glücksspiel oder Medien, auch für Angehörige. In der "
            "Altstadt trifft sich eine Gesprächsgruppe für ältere Menschen.</p>"
        ),
        "address": f"Uhlandstraße 6, {POSTCODE}",
        "phone": "07999 77 31 00",
        "email": "suchtberatung@diakonie-musterstadt.example",
        "website": "https://diakonie-musterstadt.example/sucht",
    },
    {
        "key": "pflegestuetzpunkt",
        "name": "Pflegestützpunkt Musterstadt",
        "kind": "organisation",
        "sectors": ["gesundheitswesen", "soziales"],
        "neighborhoods": [],
        "description": (
            "<p>Neutrale und kostenlose Beratung rund um Pflege: Leistungen der "
            "Pflegeversicherung, Entlastung für pflegende Angehörige und "
            "Wohnraumanpassung. Auf Wunsch kommen die Pflegeberaterinnen auch nach "
            "Hause.</p>"
        ),
        "address": f"Marktplatz 4, {POSTCODE}",
        "phone": "07999 301-560",
        "email": "pflegestuetzpunkt@musterstadt.example",
        "website": "https://www.musterstadt.example/pflege",
    },
    {
        "key": "hausarztpraxis",
        "name": "Hausarztpraxis Dr. Berger & Partner, Sonnenberg",
        "kind": "organisation",
        "sectors": ["gesundheitswesen"],
        "neighborhoods": ["sonnenberg"],
        "description": (
            "<p>Hausärztliche Gemeinschaftspraxis mit drei Ärztinnen und Ärzten und "
            "einer Versorgungsassistentin, die ältere Patientinnen und Patienten zu "
            "Hause besucht. Die Praxis empfiehlt den Lauftreff bei Diabetes und "
            "verweist bei sozialen Fragen an Seniorenbüro und Pflegestützpunkt.</p>"
        ),
        "address": f"Am Sonnenberg 22, {POSTCODE}",
        "phone": "07999 55 88 00",
        "email": "praxis@dr-berger-sonnenberg.example",
        "website": "https://dr-berger-sonnenberg.example",
    },
    {
        "key": "hebammenpraxis",
        "name": "Hebammenpraxis Storchennest",
        "kind": "organisation",
        "sectors": ["gesundheitswesen"],
        "neighborhoods": ["bahnhofsviertel", "altstadt"],
        "description": (
            "<p>Fünf Hebammen begleiten Schwangerschaft, Geburt und Wochenbett. "
            "Jeden Dienstag gibt es eine offene Sprechstunde im Familienzentrum, "
            "bei Bedarf mit Dolmetscherin.</p>"
        ),
        "address": f"Goethestraße 3, {POSTCODE}",
        "phone": "07999 44 60 70",
        "email": "kontakt@storchennest.example",
        "website": "https://storchennest.example",
    },
    {
        "key": "aok",
        "name": "AOK-Bezirksdirektion – Prävention",
        "kind": "organisation",
        "sectors": ["gesundheitswesen"],
        "neighborhoods": [],
        "description": (
            "<p>Das Präventionsteam fördert Projekte der Gesundheitsförderung in "
            "Lebenswelten nach § 20a SGB V, berät bei Anträgen und arbeitet in der "
            "Steuerungsgruppe „Gesundes Musterstadt“ mit.</p>"
        ),
        "address": f"Bahnhofplatz 1, {POSTCODE}",
        "phone": "07999 990-2200",
        "email": "praevention@aok-bezirk.example",
        "website": "https://aok-bezirk.example/praevention",
    },
    {
        "key": "grundschule",
        "name": "Grundschule am Sonnenberg",
        "kind": "organisation",
        "sectors": ["bildung"],
        "neighborhoods": ["sonnenberg"],
        "description": (
            "<p>Ganztagsgrundschule mit 280 Kindern aus 19 Nationen. Bewegte Pause, "
            "gesundes Frühstück und Schulsozialarbeit gehören zum Alltag; abends "
            "nutzen Vereine die Turnhalle.</p>"
        ),
        "address": f"Mörikeweg 10, {POSTCODE}",
        "phone": "07999 301-810",
        "email": "sekretariat@gs-sonnenberg.example",
        "website": "https://gs-sonnenberg.example",
    },
    {
        "key": "vhs",
        "name": "Volkshochschule Musterstadt",
        "kind": "organisation",
        "sectors": ["bildung"],
        "neighborhoods": [],
        "description": (
            "<p>Die VHS bietet Kurse zu Bewegung, Ernährung und Entspannung an, dazu "
            "Deutschkurse mit Kinderbetreuung. In den Quartieren finden Kurse im "
            "Bürgerhaus und in der Stadtteilbibliothek statt – mit Ermäßigung für "
            "Inhaberinnen und Inhaber der Musterstadt-Card.</p>"
        ),
        "address": f"Schillerstraße 2, {POSTCODE}",
        "phone": "07999 301-900",
        "email": "info@vhs-musterstadt.example",
        "website": "https://vhs-musterstadt.example",
    },
    {
        "key": "bibliothek",
        "name": "Stadtteilbibliothek Bahnhofsviertel",
        "kind": "organisation",
        "sectors": ["bildung"],
        "neighborhoods": ["bahnhofsviertel"],
        "description": (
            "<p>Die Bibliothek mit Lesecafé ist ein kühler, kostenloser Ort zum "
            "Verweilen. Es gibt mehrsprachige Bücher über Gesundheit, Vorlesestunden "
            "für Kinder und jeden Donnerstag eine Digitalsprechstunde für "
            "Ältere.</p>"
        ),
        "address": f"Bahnhofstraße 30, {POSTCODE}",
        "phone": "07999 301-950",
        "email": "stadtteilbibliothek@musterstadt.example",
        "website": "https://www.musterstadt.example/bibliothek",
    },
    {
        "key": "jugendhaus",
        "name": 'Jugendhaus "Kompass"',
        "kind": "organisation",
        "sectors": ["soziales", "bildung"],
        "neighborhoods": ["bahnhofsviertel", "sonnenberg"],
        "description": (
            "<p>Offene Kinder- und Jugendarbeit für 10- bis 21-Jährige mit "
            "Kochabenden, Sport und Beratung. Das Team ist auch aufsuchend an den "
            "Treffpunkten im Lindenpark unterwegs.</p>"
        ),
        "address": f"Lindenpark 2, {POSTCODE}",
        "phone": "07999 66 50 50",
        "email": "team@jugendhaus-kompass.example",
        "website": "https://jugendhaus-kompass.example",
    },
    {
        "key": "baugenossenschaft",
        "name": "Baugenossenschaft Sonnenberg eG",
        "kind": "organisation",
        "sectors": ["wohnungswirtschaft"],
        "neighborhoods": ["sonnenberg"],
        "description": (
            "<p>Die Genossenschaft vermietet rund 900 Wohnungen im Sonnenberg. Sie "
            "stellt Räume für Nachbarschaftstreffs bereit, baut Wohnungen "
            "barrierearm um und beschäftigt eine Sozialarbeiterin für ihre "
            "Mitglieder.</p>"
        ),
        "address": f"Hölderlinweg 1, {POSTCODE}",
        "phone": "07999 55 30 00",
        "email": "service@bg-sonnenberg.example",
        "website": "https://bg-sonnenberg.example",
    },
    {
        "key": "wohnbau",
        "name": "Städtische Wohnbau GmbH",
        "kind": "organisation",
        "sectors": ["wohnungswirtschaft"],
        "neighborhoods": ["bahnhofsviertel", "altstadt"],
        "description": (
            "<p>Die städtische Wohnungsgesellschaft mit rund 2.400 Wohnungen. Im "
            "Bahnhofsviertel plant sie mit Quartierskoordination und "
            "Stadtplanungsamt einen sicheren Spielhof und begrünte Innenhöfe.</p>"
        ),
        "address": f"Bahnhofstraße 8, {POSTCODE}",
        "phone": "07999 301-300",
        "email": "kundencenter@wohnbau-musterstadt.example",
        "website": "https://wohnbau-musterstadt.example",
    },
    {
        "key": "gemeinschaftsgarten",
        "name": 'Gemeinschaftsgarten "Grüne Lücke"',
        "kind": "initiative",
        "sectors": ["zivilgesellschaft", "bewohnerinnen"],
        "neighborhoods": ["bahnhofsviertel"],
        "description": (
            "<p>Auf einer Brachfläche hinter der Bahnhofstraße gärtnern Nachbarinnen "
            "und Nachbarn aus vielen Ländern zusammen. Samstags ist offener "
            "Gartentag; im Sommer wird mit der Ernte gekocht, im Schatten unter dem "
            "Sonnensegel.</p>"
        ),
        "address": f"Gartenstraße 60 (Zugang über den Hof), {POSTCODE}",
        "phone": "07999 66 90 12",
        "email": "gruene-luecke@garten.example",
        "website": "https://gruene-luecke.example",
    },
    {
        "key": "bank_statt_bordstein",
        "name": 'Initiative "Bank statt Bordstein"',
        "kind": "initiative",
        "sectors": ["bewohnerinnen", "zivilgesellschaft"],
        "neighborhoods": ["altstadt"],
        "description": (
            "<p>Bewohnerinnen und Bewohner der Altstadt, die sich für mehr Sitzbänke "
            "und Schattenplätze an den steilen Gassen einsetzen. Sie haben 37 Orte "
            "kartiert, an denen Ältere unterwegs eine Pause brauchen.</p>"
        ),
        "address": f"c/o Bürgerverein Altstadt, Kirchgasse 7, {POSTCODE}",
        "phone": "07999 44 21 88",
        "email": "bankstattbordstein@altstadt.example",
        "website": "https://bank-statt-bordstein.example",
    },
    {
        "key": "lauftreff",
        "name": "Lauftreff Sonnenberg",
        "kind": "initiative",
        "sectors": ["bewohnerinnen", "zivilgesellschaft"],
        "neighborhoods": ["sonnenberg"],
        "description": (
            "<p>Eine Gehgruppe für alle, besonders für Menschen mit Diabetes oder "
            "nach längerer Krankheit. Treffpunkt ist dienstags und freitags um "
            "9:30 Uhr vor dem Bürgerhaus; eine Runde dauert etwa 45 Minuten.</p>"
        ),
        "address": f"Treffpunkt Bürgerhausplatz 1, {POSTCODE}",
        "phone": "07999 55 12 21",
        "email": "lauftreff@sonnenberg.example",
        "website": "https://lauftreff-sonnenberg.example",
    },
    {
        "key": "apotheke",
        "name": "Apotheke am Markt",
        "kind": "organisation",
        "sectors": ["wirtschaft", "gesundheitswesen"],
        "neighborhoods": ["altstadt"],
        "description": (
            "<p>Die Apotheke berät zu Medikamenten, misst Blutdruck und Blutzucker "
            "und bringt älteren Kundinnen und Kunden Arzneimittel nach Hause. Im "
            "Sommer liegen hier die Hitze-Infoblätter der Stadt aus.</p>"
        ),
        "address": f"Marktplatz 11, {POSTCODE}",
        "phone": "07999 44 33 22",
        "email": "info@apotheke-am-markt.example",
        "website": "https://apotheke-am-markt.example",
    },
    {
        "key": "buergerbus",
        "name": "Bürgerbus Musterstadt e.V.",
        "kind": "organisation",
        "sectors": ["zivilgesellschaft"],
        "neighborhoods": ["altstadt", "sonnenberg"],
        "description": (
            "<p>Ehrenamtliche Fahrerinnen und Fahrer fahren werktags einen Kleinbus "
            "zwischen Sonnenberg, Altstadt und Ärztehaus. Der Verein setzt sich "
            "für eine Linie am Wochenende auf den Sonnenberg ein.</p>"
        ),
        "address": f"Bahnhofplatz 3, {POSTCODE}",
        "phone": "07999 44 70 70",
        "email": "fahrdienst@buergerbus-musterstadt.example",
        "website": "https://buergerbus-musterstadt.example",
    },
    {
        "key": "baeckerei",
        "name": "Bäckerei-Café Wagner",
        "kind": "organisation",
        "sectors": ["wirtschaft"],
        "neighborhoods": ["altstadt"],
        "description": (
            "<p>Traditionsbäckerei am Marktplatz mit Sitzecke. Bei der Aktion "
            "„Refill und Rast“ schenkt das Café im Sommer kostenlos Leitungswasser "
            "aus, und Ältere dürfen die Toilette auch ohne Einkauf nutzen.</p>"
        ),
        "address": f"Marktplatz 6, {POSTCODE}",
        "phone": "07999 44 15 15",
        "email": "cafe@baeckerei-wagner.example",
        "website": "https://baeckerei-wagner.example",
    },
    # Internal actors: visible to members of the municipality (and opted-in
    # advisers) only.
    {
        "key": "steuerungsgruppe",
        "name": 'Geschäftsstelle der Steuerungsgruppe "Gesundes Musterstadt"',
        "kind": "administration",
        "sectors": ["verwaltung"],
        "neighborhoods": [],
        "visibility": "internal",
        "description": (
            "<p>Die Geschäftsstelle bei der Stabsstelle Gesundheitsplanung bereitet "
            "die Sitzungen der Steuerungsgruppe vor, führt die Maßnahmenliste und "
            "hält den Kontakt zu AOK, Gesundheitsamt und den "
            "Quartierskoordinationen.</p>"
        ),
        "address": f"Rathausplatz 1, Zimmer 214, {POSTCODE}",
        "phone": "07999 301-415",
        "email": "steuerungsgruppe@musterstadt.example",
        "website": "",
    },
    {
        "key": "stadtteilmutter",
        "name": "Stadtteilmutter Bahnhofsviertel (Elena Popescu)",
        "kind": "intermediary",
        "sectors": ["soziales", "bewohnerinnen"],
        "neighborhoods": ["bahnhofsviertel"],
        "visibility": "internal",
        "description": (
            "<p>Elena Popescu spricht Rumänisch, Russisch und Deutsch und besucht "
            "Familien, die neu im Viertel sind. Sie erklärt Vorsorgeuntersuchungen, "
            "Kita-Anmeldung und Beratungsangebote. Kontakt über die "
            "Quartierskoordination.</p>"
        ),
        "address": f"c/o Quartierskoordination, Bahnhofstraße 24, {POSTCODE}",
        "phone": "07999 301-738",
        "email": "stadtteilmuetter@musterstadt.example",
        "website": "",
    },
    {
        "key": "runder_tisch",
        "name": "Runder Tisch Wohnungsnotfälle",
        "kind": "organisation",
        "sectors": ["verwaltung", "soziales", "wohnungswirtschaft"],
        "neighborhoods": [],
        "visibility": "internal",
        "description": (
            "<p>Amt für Soziales, Caritas, Städtische Wohnbau und Baugenossenschaft "
            "besprechen einmal im Monat drohende Räumungen und Energiesperren, um "
            "Wohnungsverlust zu verhindern – mit Einwilligung der Betroffenen.</p>"
        ),
        "address": f"Rathausplatz 3, {POSTCODE}",
        "phone": "07999 301-520",
        "email": "wohnungsnotfaelle@musterstadt.example",
        "website": "",
    },
]

# (source key, target key, kind, intensity 1-4, since, note)
# kind: cooperation | information | referral | funding | membership
# fmt: off
TIES = [
    # Funding
    ("aok", "lauftreff", "funding", 3, date(2023, 4, 1),
     "Die AOK fördert Übungsleitung und Schrittzähler des Lauftreffs aus Mitteln "
     "der Prävention nach § 20a SGB V."),
    ("aok", "health_broker", "funding", 3, date(2024, 9, 1),
     "Anschubfinanzierung für den mehrsprachigen Gesundheitslotsendienst, "
     "zunächst für drei Jahre."),
    ("aok", "sv_sonnenberg", "funding", 2, date(2021, 1, 15),
     "Zuschuss zum Kurs „Sturzprophylaxe 60+“."),
    ("aok", "grundschule", "funding", 2, date(2019, 9, 1),
     "Programm „Bewegte Schule“: Material und Fortbildung für das Kollegium."),
    ("sozialamt", "qk_sonnenberg", "funding", 4, date(2018, 1, 1),
     "Träger der Stelle der Quartierskoordinatorin."),
    ("sozialamt", "qk_bahnhofsviertel", "funding", 4, date(2022, 7, 1),
     "Träger der Stelle der Quartierskoordinatorin."),
    ("sozialamt", "tafel", "funding", 2, date(2016, 1, 1),
     "Jährlicher Zuschuss für Miete und Kühlfahrzeug."),
    ("sozialamt", "seniorenbuero", "funding", 3, date(2015, 1, 1), ""),
    ("sozialamt", "familienzentrum", "funding", 3, date(2017, 3, 1),
     "Regelförderung als Familienzentrum."),
    ("gesundheitsplanung", "health_broker", "funding", 2, date(2024, 9, 1),
     "Kofinanzierung der Stelle aus dem Landesprogramm „Quartier 2030“."),
    ("baugenossenschaft", "lauftreff", "funding", 1, date(2024, 5, 1),
     "Spendet Trinkflaschen und Warnwesten."),
    ("wohnbau", "gemeinschaftsgarten", "funding", 2, date(2020, 4, 1),
     "Überlässt die Brachfläche mietfrei und bezahlt den Wasseranschluss."),
    # Steering and administration
    ("gesundheitsplanung", "gesundheitsamt", "cooperation", 4, date(2024, 1, 15),
     "Gemeinsame Vorbereitung der Gesundheitskonferenz und Abstimmung mit der "
     "Kommunalen Gesundheitskonferenz des Landkreises."),
    ("gesundheitsplanung", "ausschuss", "information", 3, date(2024, 3, 1),
     "Bericht über die Empfehlungen der Gesundheitskonferenz, zweimal im Jahr."),
    ("gesundheitsplanung", "stadtplanung", "cooperation", 2, date(2024, 6, 1),
     "Gemeinsamer Hitzeaktionsplan; Gesundheit als Belang in der "
     "Bauleitplanung."),
    ("gesundheitsplanung", "aok", "cooperation", 3, date(2024, 2, 1), ""),
    ("steuerungsgruppe", "gesundheitsplanung", "membership", 4, date(2024, 2, 1),
     "Die Geschäftsstelle ist bei der Stabsstelle angesiedelt."),
    ("steuerungsgruppe", "aok", "membership", 3, date(2024, 2, 1),
     "Mitglied der Steuerungsgruppe."),
    ("steuerungsgruppe", "gesundheitsamt", "membership", 3, date(2024, 2, 1),
     "Mitglied der Steuerungsgruppe."),
    ("steuerungsgruppe", "qk_sonnenberg", "membership", 3, date(2024, 2, 1),
     "Mitglied der Steuerungsgruppe."),
    ("steuerungsgruppe", "qk_bahnhofsviertel", "membership", 3, date(2024, 2, 1),
     "Mitglied der Steuerungsgruppe."),
    ("qk_sonnenberg", "qk_bahnhofsviertel", "cooperation", 4, date(2022, 7, 1),
     "Kollegiale Beratung der Quartiersarbeit, alle zwei Wochen."),
    ("stadtplanung", "wohnbau", "cooperation", 2, date(2023, 2, 1),
     "Planung des Spielhofs in der Gartenstraße."),
    ("stadtplanung", "qk_bahnhofsviertel", "cooperation", 2, date(2023, 2, 1),
     "Kinder planen den Spielhof mit."),
    ("bank_statt_bordstein", "stadtplanung", "information", 2, date(2025, 9, 1),
     "Hat die Liste mit 37 fehlenden Sitzplätzen übergeben; die Antwort steht "
     "noch aus."),
    ("buergerbus", "ausschuss", "information", 1, date(2025, 10, 1),
     "Hat den Vorschlag für eine Wochenendlinie im Ausschuss vorgestellt."),
    # Community Health Broker
    ("health_broker", "moscheegemeinde", "cooperation", 3, date(2024, 11, 1),
     "Gesundheitsvorträge nach dem Freitagsgebet, auf Türkisch und Arabisch."),
    ("health_broker", "familienzentrum", "cooperation", 3, date(2024, 10, 1),
     "Sprechstunde des Gesundheitslotsen jeden Mittwoch im Elterncafé."),
    ("health_broker", "qk_bahnhofsviertel", "cooperation", 3, date(2024, 9, 1),
     "Gemeinsames Büro in der Bahnhofstraße 24."),
    ("health_broker", "soniashnyk", "cooperation", 2, date(2025, 1, 15),
     "Begleitung zu Fachärztinnen und Fachärzten, Vermittlung von "
     "Dolmetscherinnen."),
    ("health_broker", "hausarztpraxis", "referral", 2, date(2025, 2, 1),
     "Vermittelt Menschen ohne Hausarzt; die Praxis nimmt neue Patientinnen und "
     "Patienten auf."),
    ("gesundheitsamt", "health_broker", "information", 2, date(2024, 10, 1),
     "Impfaktionen und Infomaterial in mehreren Sprachen."),
    ("health_broker", "gemeinschaftsgarten", "cooperation", 1, date(2025, 5, 1),
     "Mehrsprachiger Kochabend mit einer Ernährungsberaterin."),
    # Health care and older people
    ("hausarztpraxis", "seniorenbuero", "referral", 3, date(2019, 5, 1),
     "Die Praxis verweist alleinlebende Ältere an die Besuchspatenschaften."),
    ("hausarztpraxis", "lauftreff", "referral", 2, date(2023, 5, 1),
     "Empfiehlt den Lauftreff Patientinnen und Patienten mit Diabetes Typ 2."),
    ("hausarztpraxis", "pflegestuetzpunkt", "referral", 2, date(2018, 10, 1), ""),
    ("hausarztpraxis", "apotheke", "information", 2, date(2016, 1, 1),
     "Abstimmung der Medikationspläne älterer Patientinnen und Patienten."),
    ("hausarztpraxis", "suchtberatung", "referral", 1, date(2020, 3, 1), ""),
    ("seniorenbuero", "pflegestuetzpunkt", "cooperation", 4, date(2015, 9, 1),
     "Gemeinsame Beratungsstelle im Haus am Marktplatz, gemeinsame "
     "Fallbesprechungen."),
    ("seniorenbuero", "st_martin", "cooperation", 3, date(2017, 1, 1),
     "Besuchsdienst und Mittagstisch für alleinlebende Ältere."),
    ("seniorenbuero", "buergerverein", "cooperation", 2, date(2018, 4, 1),
     "Seniorentreff am Marktplatz-Brunnen."),
    ("buergerbus", "seniorenbuero", "information", 2, date(2019, 1, 1),
     "Fahrplan und Anmeldung liegen im Seniorenbüro aus."),
    ("seniorenbuero", "vhs", "cooperation", 2, date(2021, 9, 1),
     "Smartphone-Kurse für Ältere, auch im Lesecafé der Stadtteilbibliothek."),
    ("seniorenbuero", "qk_sonnenberg", "cooperation", 3, date(2018, 3, 1),
     "Seniorentreff im Bürgerhaus."),
    ("buergerverein", "bank_statt_bordstein", "membership", 3, date(2025, 5, 1),
     "Die Initiative ist aus dem Bürgerverein entstanden und nutzt seine "
     "Adresse."),
    ("baeckerei", "buergerverein", "cooperation", 1, date(2025, 6, 1),
     "„Refill und Rast“: Wasser und Toilette für Ältere an heißen Tagen."),
    ("baeckerei", "gesundheitsplanung", "information", 1, date(2025, 6, 1),
     "Teil des Hitzeaktionsplans."),
    ("st_martin", "gesundheitsplanung", "information", 1, date(2025, 6, 1),
     "Die Kirche steht im Hitzeaktionsplan als kühler Ort."),
    # Sonnenberg
    ("qk_sonnenberg", "sv_sonnenberg", "cooperation", 3, date(2019, 6, 1),
     "Sommerfest am Bürgerhaus und Bewegungsangebote im Quartier."),
    ("qk_sonnenberg", "baugenossenschaft", "cooperation", 3, date(2018, 9, 1),
     "Die Genossenschaft stellt den Gruppenraum und trägt das "
     "Nachbarschaftscafé mit."),
    ("qk_sonnenberg", "grundschule", "cooperation", 2, date(2019, 10, 1), ""),
    ("qk_sonnenberg", "lauftreff", "cooperation", 2, date(2023, 4, 1),
     "Hat den Lauftreff mitgegründet und wirbt im Quartiersbrief dafür."),
    ("qk_sonnenberg", "buergerbus", "cooperation", 2, date(2024, 6, 1),
     "Gemeinsamer Einsatz für einen Bus am Wochenende auf den Sonnenberg."),
    ("sv_sonnenberg", "grundschule", "cooperation", 3, date(2016, 9, 1),
     "Kooperation Schule–Verein: Bewegungs-AG am Nachmittag, abends die "
     "Turnhalle für den Verein."),
    ("sv_sonnenberg", "lauftreff", "membership", 2, date(2023, 4, 1),
     "Der Lauftreff ist über den SV versichert; eine Übungsleiterin des Vereins "
     "geht mit."),
    ("sv_sonnenberg", "jugendhaus", "cooperation", 1, date(2022, 5, 1),
     "Mitternachtsfußball in den Sommerferien."),
    ("baugenossenschaft", "pflegestuetzpunkt", "referral", 2, date(2020, 1, 1),
     "Wohnraumanpassung für pflegebedürftige Mitglieder."),
    ("gesundheitsamt", "grundschule", "cooperation", 2, date(2016, 9, 1),
     "Einschulungsuntersuchung und Zahnprophylaxe."),
    # Bahnhofsviertel
    ("qk_bahnhofsviertel", "familienzentrum", "cooperation", 4, date(2022, 7, 1),
     "Das Quartiersforum tagt im Familienzentrum; Planung gemeinsam."),
    ("qk_bahnhofsviertel", "gemeinschaftsgarten", "cooperation", 2,
     date(2022, 9, 1), ""),
    ("qk_bahnhofsviertel", "bibliothek", "cooperation", 2, date(2023, 3, 1),
     "Das Lesecafé ist kühler Ort im Hitzeaktionsplan."),
    ("qk_bahnhofsviertel", "stadtteilmutter", "cooperation", 3, date(2023, 6, 1),
     "Die Stadtteilmutter ist über die Quartierskoordination erreichbar."),
    ("stadtteilmutter", "familienzentrum", "referral", 2, date(2023, 6, 1), ""),
    ("stadtteilmutter", "hebammenpraxis", "referral", 2, date(2023, 9, 1), ""),
    ("hebammenpraxis", "familienzentrum", "cooperation", 3, date(2017, 5, 1),
     "Offene Hebammensprechstunde jeden Dienstag."),
    ("caritas", "familienzentrum", "cooperation", 2, date(2019, 2, 1),
     "Offene Sozialberatung einmal im Monat im Familienzentrum."),
    ("vhs", "familienzentrum", "cooperation", 3, date(2018, 9, 1),
     "Deutschkurse mit Kinderbetreuung."),
    ("bibliothek", "familienzentrum", "cooperation", 2, date(2020, 1, 1),
     "Vorlesestunden in mehreren Sprachen."),
    ("gesundheitsamt", "familienzentrum", "information", 2, date(2019, 1, 1),
     "Kinder- und Jugendgesundheitsdienst: Vorsorge und Impfungen."),
    ("soniashnyk", "familienzentrum", "cooperation", 2, date(2022, 5, 1),
     "Eltern-Kind-Gruppe auf Ukrainisch."),
    ("soniashnyk", "vhs", "cooperation", 2, date(2022, 4, 1), "Integrationskurse."),
    ("jugendhaus", "gemeinschaftsgarten", "cooperation", 1, date(2024, 4, 1),
     "Jugendliche bauen Hochbeete."),
    ("moscheegemeinde", "st_martin", "information", 1, date(2020, 10, 1),
     "Interreligiöser Gesprächskreis."),
    # Social help
    ("caritas", "tafel", "referral", 2, date(2016, 1, 1),
     "Stellt Berechtigungsnachweise für den Tafelladen aus."),
    ("caritas", "suchtberatung", "cooperation", 2, date(2018, 1, 1),
     "Gegenseitige Vermittlung bei Überschuldung und Sucht."),
    ("st_martin", "tafel", "cooperation", 2, date(2015, 3, 1),
     "Gemeinsame Spendenaktionen."),
    ("sozialamt", "runder_tisch", "membership", 4, date(2021, 1, 1),
     "Leitet den Runden Tisch."),
    ("caritas", "runder_tisch", "membership", 3, date(2021, 1, 1), ""),
    ("wohnbau", "runder_tisch", "membership", 3, date(2021, 1, 1), ""),
    ("baugenossenschaft", "runder_tisch", "membership", 3, date(2021, 1, 1), ""),
]
# fmt: on

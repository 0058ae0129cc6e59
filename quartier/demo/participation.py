"""Demo data of the participation app for Musterstadt (DEMO-WORLD.md).

120 contributions in every kind, status and channel, with answers, supports,
comments, a few waiting for approval or hidden after reports, some linked to agenda
items and decisions of the demo forums. `load(summary)` is called by loader.seed
after the people, actors and forums; contributions are found by their title, so a
second run changes nothing. Dates are days before the day of the seed.
"""

from __future__ import annotations

import datetime
from typing import Any

SLUG = "musterstadt"
COORDINATOR = "koordination@musterstadt.example"
RESIDENT = "bewohnerin@musterstadt.example"
PARTNER = "partner@musterstadt.example"

# (kind, neighbourhood, title, text, layers, places)
THEMES: list[tuple[str, str, str, str, list[int], list[str]]] = [
    (
        "idea",
        "altstadt",
        "Bänke im Schatten",
        "Viele Ältere gehen nur bis zum Bäcker, weil es unterwegs keine Bank gibt. Zwei "
        "Bänke im Schatten würden reichen, damit man wieder bis zum Markt kommt.",
        [4, 3],
        ["Marktplatz-Brunnen", "Kirchgasse", "Steile Gasse", "Rathausplatz"],
    ),
    (
        "concern",
        "bahnhofsviertel",
        "Spielplatz unsicher",
        "Am Spielplatz liegen Scherben, und die Schaukel ist locker. Die Kinder haben "
        "sonst keinen Platz zum Spielen.",
        [4],
        ["Lindenpark", "Bahnhofstraße", "Hinterhof Goethestraße", "Schulhof"],
    ),
    (
        "question",
        "sonnenberg",
        "Bus am Wochenende",
        "Warum fährt samstags nach 14 Uhr und sonntags kein Bus mehr auf den Sonnenberg? "
        "Ohne Auto kommt man nicht zum Arzt oder zur Familie.",
        [5, 4],
        [
            "Haltestelle Bürgerhaus",
            "Haltestelle Am Hang",
            "Endhaltestelle",
            "Bürgerhaus",
        ],
    ),
    (
        "experience",
        "sonnenberg",
        "Allein nach der Rente",
        "Seit ich in Rente bin, rede ich manchmal tagelang mit niemandem. Im Seniorentreff "
        "war es schön, aber der ist nur dienstags offen.",
        [3],
        [
            "Seniorentreff im Bürgerhaus",
            "Hochhaus Am Hang 12",
            "Gemeinschaftsgarten",
            "Lesecafé",
        ],
    ),
    (
        "idea",
        "bahnhofsviertel",
        "Gesundheitslotsen in vielen Sprachen",
        "Viele Nachbarinnen wissen nicht, wohin sie mit einer Frage zur Gesundheit gehen "
        "können. Lotsinnen, die Türkisch, Arabisch und Ukrainisch sprechen, würden helfen.",
        [3, 5],
        ["Familienzentrum", "Moschee-Gemeinderaum", "Stadtteilbibliothek", "Lesecafé"],
    ),
    (
        "concern",
        "altstadt",
        "Hitze in der Wohnung",
        "Im Dachgeschoss wird es im Sommer über 30 Grad. Ältere Menschen brauchen einen "
        "kühlen Ort, an dem sie tagsüber bleiben können.",
        [4, 5],
        [
            "Dachwohnungen Kirchgasse",
            "Altenwohnungen am Markt",
            "Gemeindehaus St. Martin",
            "Stadtmauer",
        ],
    ),
    (
        "idea",
        "sonnenberg",
        "Lauftreff für Menschen mit Diabetes",
        "Ein fester Termin zum gemeinsamen Gehen, zweimal die Woche, mit einer Ansprechperson "
        "aus der Hausarztpraxis. Allein fängt man nicht an.",
        [2, 3],
        ["Lindenpark", "Sportplatz", "Waldweg am Hang", "Bürgerhaus"],
    ),
    (
        "question",
        "bahnhofsviertel",
        "Trinkwasser im Sommer",
        "Gibt es einen öffentlichen Trinkbrunnen in der Nähe? Im Sommer sind die Kinder "
        "nach der Schule völlig durstig.",
        [4],
        ["Bahnhofsvorplatz", "Lindenpark", "Grundschule", "Marktplatz"],
    ),
    (
        "experience",
        "bahnhofsviertel",
        "Nachbarschaftshilfe funktioniert",
        "Als ich krank war, hat die Nachbarin aus dem dritten Stock für mich eingekauft. "
        "So etwas sollte man bekannter machen.",
        [3],
        ["Goethestraße", "Hochhaus am Bahnhof", "Familienzentrum", "Hinterhof"],
    ),
    (
        "idea",
        "altstadt",
        "Trinkpatenschaften bei Hitze",
        "Nachbarn könnten bei Hitzewarnung bei Alleinlebenden klingeln und fragen, ob sie "
        "genug trinken. Die Apotheke am Markt würde Flyer auslegen.",
        [3, 2],
        ["Apotheke am Markt", "Marktplatz", "Kirchgasse", "Gemeindehaus St. Martin"],
    ),
    (
        "concern",
        "sonnenberg",
        "Dunkler Fußweg",
        "Der Fußweg vom Bus zum Hochhaus ist abends stockdunkel. Viele Frauen gehen dort "
        "nicht mehr allein.",
        [4],
        [
            "Waldweg am Hang",
            "Treppe zum Bürgerhaus",
            "Parkplatz Am Hang",
            "Unterführung",
        ],
    ),
    (
        "idea",
        "bahnhofsviertel",
        "Elterncafé im Familienzentrum",
        "Ein offener Treff für Eltern mit kleinen Kindern, mit Kaffee und manchmal einer "
        "Hebamme oder einer Ernährungsberaterin.",
        [3, 2],
        ["Familienzentrum", "Stadtteilbibliothek", "Lesecafé", "Moschee-Gemeinderaum"],
    ),
    (
        "question",
        "altstadt",
        "Barrierefreier Zugang zum Gemeindehaus",
        "Der Saal im Gemeindehaus ist nur über die Treppe erreichbar. Gibt es einen Plan "
        "für einen Aufzug oder einen anderen Raum?",
        [4],
        ["Gemeindehaus St. Martin", "Rathaus", "Bürgerverein", "Volkshochschule"],
    ),
    (
        "experience",
        "sonnenberg",
        "Der Gemeinschaftsgarten tut gut",
        "Seit ich im Garten mitmache, komme ich jeden Tag raus und kenne viele Leute. "
        "Das hat mir mehr geholfen als jede Tablette.",
        [3, 2],
        [
            "Gemeinschaftsgarten „Grüne Lücke“",
            "Beet am Bürgerhaus",
            "Hochbeete",
            "Kompostplatz",
        ],
    ),
    (
        "idea",
        "sonnenberg",
        "Repair-Café im Bürgerhaus",
        "Einmal im Monat gemeinsam Dinge reparieren: Fahrräder, Toaster, Kleidung. Dabei "
        "lernt man sich kennen und spart Geld.",
        [3, 5],
        ["Bürgerhaus", "Gruppenraum", "Jugendhaus „Kompass“", "Garage Am Hang"],
    ),
    (
        "concern",
        "bahnhofsviertel",
        "Lärm an der Bahnstrecke",
        "Nachts fahren Güterzüge, man kann bei offenem Fenster nicht schlafen. Im Sommer "
        "ist das Fenster aber immer offen.",
        [5, 4],
        ["Bahnstraße", "Gleisweg", "Hochhaus am Bahnhof", "Goethestraße"],
    ),
    (
        "question",
        "sonnenberg",
        "Hausarzt nimmt niemanden mehr",
        "Die Praxis am Sonnenberg nimmt keine neuen Patienten. Wo sollen Zugezogene hin?",
        [4, 5],
        ["Praxis Dr. Berger", "Bürgerhaus", "Apotheke", "Am Hang"],
    ),
    (
        "idea",
        "altstadt",
        "Öffentliche Toilette am Markt",
        "Ältere Menschen trauen sich nicht in die Stadt, weil es keine Toilette gibt. Ein "
        "„Nette Toilette“-Aufkleber bei Geschäften wäre ein Anfang.",
        [4],
        ["Marktplatz", "Rathausplatz", "Kirchgasse", "Stadtgarten"],
    ),
    (
        "experience",
        "bahnhofsviertel",
        "Sprachbarriere beim Arzt",
        "Ich musste meine zwölfjährige Tochter zum Übersetzen mitnehmen. Das war für uns "
        "beide nicht gut.",
        [5, 3],
        ["Praxis am Bahnhof", "Notaufnahme", "Familienzentrum", "Gesundheitsamt"],
    ),
    (
        "idea",
        "bahnhofsviertel",
        "Straße als Spielstraße am Nachmittag",
        "Einmal pro Woche die Goethestraße am Nachmittag sperren, damit Kinder draußen "
        "spielen können.",
        [4, 2],
        ["Goethestraße", "Schillerstraße", "Bahnhofstraße", "Lindenallee"],
    ),
    (
        "concern",
        "altstadt",
        "Geschäfte schließen",
        "Nach der Metzgerei macht jetzt auch der kleine Laden zu. Wer nicht mehr Auto fährt, "
        "kommt nicht an frische Lebensmittel.",
        [5, 4],
        ["Marktplatz", "Kirchgasse", "Obere Gasse", "Brunnenstraße"],
    ),
    (
        "question",
        "bahnhofsviertel",
        "Kostenlose Schwimmkurse",
        "Viele Kinder im Viertel können nicht schwimmen. Gibt es Kurse, die nichts kosten?",
        [2, 5],
        ["Hallenbad", "Grundschule", "Familienzentrum", "Jugendhaus"],
    ),
    (
        "experience",
        "altstadt",
        "Gute Beratung im Pflegestützpunkt",
        "Der Pflegestützpunkt hat uns geholfen, für meine Mutter alles zu beantragen. "
        "Das sollten mehr Leute wissen.",
        [4, 3],
        ["Pflegestützpunkt", "Rathaus", "Seniorenbüro", "Marktplatz"],
    ),
    (
        "idea",
        "sonnenberg",
        "Bürgerbus auch sonntags",
        "Der Bürgerbus könnte sonntags zweimal zum Friedhof und in die Altstadt fahren. "
        "Ehrenamtliche Fahrer gäbe es.",
        [4, 3],
        ["Bürgerhaus", "Am Hang", "Friedhof", "Altstadt"],
    ),
    (
        "concern",
        "sonnenberg",
        "Schimmel in der Wohnung",
        "In mehreren Wohnungen im Block 12 ist Schimmel. Die Kinder husten ständig.",
        [4],
        ["Am Hang 12", "Am Hang 14", "Baugenossenschaft", "Block 16"],
    ),
    (
        "question",
        "altstadt",
        "Sitzgymnastik für Ältere",
        "Gibt es in der Altstadt ein Bewegungsangebot für Menschen, die nicht mehr gut "
        "stehen können?",
        [2],
        ["Gemeindehaus St. Martin", "Seniorenbüro", "Volkshochschule", "Bürgerverein"],
    ),
    (
        "idea",
        "bahnhofsviertel",
        "Kochabend mit Ernährungsberatung",
        "Gemeinsam kochen, jede bringt ein Rezept aus ihrem Land mit, und eine "
        "Ernährungsberaterin gibt Tipps für wenig Geld.",
        [2, 3],
        ["Familienzentrum Küche", "Moschee-Gemeinderaum", "Jugendhaus", "Lesecafé"],
    ),
    (
        "experience",
        "sonnenberg",
        "Sommerfest hat verbunden",
        "Beim Sommerfest habe ich zum ersten Mal mit den neuen Nachbarn aus der Ukraine "
        "gesprochen. Seitdem grüßen wir uns.",
        [3],
        ["Bürgerhaus", "Wiese Am Hang", "Gemeinschaftsgarten", "Sportplatz"],
    ),
    (
        "concern",
        "bahnhofsviertel",
        "Zu wenig Grün",
        "Im ganzen Viertel gibt es keinen Baum, unter dem man sitzen kann. Im Sommer heizt "
        "sich alles auf.",
        [5, 4],
        ["Bahnhofsvorplatz", "Goethestraße", "Schulhof", "Hinterhöfe"],
    ),
    (
        "idea",
        "altstadt",
        "Wegweiser mit Sitzplätzen",
        "Eine Karte am Marktplatz, die zeigt, wo es Bänke, Toiletten und Trinkwasser gibt.",
        [4],
        ["Marktplatz", "Bahnhof", "Rathaus", "Stadttor"],
    ),
]

PLACES_NOTE = " Ort: {place}."
STATUS_CYCLE = ["received", "in_review", "taken_up", "implemented", "not_feasible"]
CHANNEL_CYCLE = ["online", "online", "paper", "online", "phone", "in_person"]
LANGUAGE_CYCLE = ["de"] * 8 + ["tr", "ar", "uk", "en"]
NAMES = [
    ("Gisela Brandt", "g.brandt@post.example"),
    ("Mehmet Aydın", "m.aydin@post.example"),
    ("Olena Kovalenko", "olena.k@post.example"),
    ("Rana Haddad", ""),
    ("", ""),
    ("Klaus Weber", "klaus.weber@post.example"),
]
ANSWERS = {
    "in_review": (
        "<p>Danke für Ihren Hinweis. Wir haben ihn an das zuständige Amt gegeben und "
        "melden uns, sobald es eine Einschätzung gibt.</p>"
    ),
    "taken_up": (
        "<p>Ihr Anliegen steht auf der Tagesordnung des Quartiersforums. Sie sind "
        "herzlich eingeladen, dazuzukommen.</p>"
    ),
    "implemented": (
        "<p>Das ist umgesetzt. Vielen Dank, dass Sie es angestoßen haben – schauen Sie "
        "gern vorbei und sagen Sie uns, wie es Ihnen gefällt.</p>"
    ),
    "not_feasible": (
        "<p>Wir haben es geprüft: Leider ist das so nicht möglich. Den Grund finden Sie "
        "im Statusverlauf. Wir suchen nach einer anderen Lösung.</p>"
    ),
}
REASONS = {
    "not_feasible": "Die Fläche gehört nicht der Stadt; der Eigentümer hat abgelehnt.",
    "taken_up": "Wird im nächsten Quartiersforum besprochen.",
}
COMMENTS = [
    "Das sehe ich genauso, bei uns im Haus ist es dasselbe.",
    "Wir vom Sportverein Sonnenberg würden dabei helfen.",
    "Gute Idee! Vielleicht kann die Baugenossenschaft das unterstützen.",
    "Danke, dass Sie das aufschreiben.",
]


def load(summary: Any) -> None:
    """Write the contributions of Musterstadt (idempotent, by title)."""
    from django.utils import timezone

    from quartier.core.models import Neighborhood
    from quartier.demo import loader
    from quartier.forums.models import AgendaItem, Decision
    from quartier.participation.models import (
        Comment,
        Contribution,
        Report,
        Response,
        StatusChange,
        Support,
        Topic,
        create_layer_topics,
    )

    municipality = loader.get_municipality(SLUG)
    create_layer_topics(municipality)
    for slug, name in (
        ("hitze", "Hitze"),
        ("bewegung", "Bewegung"),
        ("einsamkeit", "Einsamkeit"),
    ):
        _, created = Topic.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )
        summary.add("topic", "created" if created else "unchanged")
    layers = {t.layer: t for t in Topic.objects.of(municipality).exclude(layer=None)}
    own = {t.slug: t for t in Topic.objects.of(municipality).filter(layer=None)}
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    coordinator = loader.get_user(COORDINATOR)
    resident = loader.get_user(RESIDENT)
    partner = loader.get_user(PARTNER)
    supporters = [resident, partner, loader.get_user("jury@musterstadt.example")]
    items = list(
        AgendaItem.objects.of(municipality).filter(status="accepted").order_by("pk")[:6]
    )
    decisions = list(Decision.objects.of(municipality).order_by("pk")[:4])
    now = timezone.now()

    index = 0
    for kind, area, title, text, topic_layers, places in THEMES:
        for place in places:
            full_title = f"{title}: {place}"
            existing = Contribution.objects.of(municipality).filter(title=full_title)
            if existing.exists():
                summary.add("contribution", "unchanged")
                index += 1
                continue
            status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
            channel = CHANNEL_CYCLE[index % len(CHANNEL_CYCLE)]
            name, email = NAMES[index % len(NAMES)]
            age = 2 + (index * 7) % 90
            created_at = now - datetime.timedelta(days=age, hours=index % 11)
            contribution = Contribution.objects.create(
                municipality=municipality,
                kind=kind
                if index % 9
                else ["idea", "concern", "question", "experience"][index % 4],
                title=full_title,
                text=text + PLACES_NOTE.format(place=place),
                neighborhood=neighborhoods[area],
                address=place,
                language=LANGUAGE_CYCLE[index % len(LANGUAGE_CYCLE)],
                channel=channel,
                author=resident if channel == "online" and index % 5 == 0 else None,
                author_name="" if channel == "online" and index % 5 == 0 else name,
                author_email="" if channel == "online" and index % 5 == 0 else email,
                email_confirmed_at=created_at if email else None,
                entered_by=coordinator if channel != "online" else None,
                moderation="pending" if index % 40 == 7 else "approved",
            )
            if index % 3 == 0:
                # A point near the neighbourhood (Musterstadt is fictional: the
                # coordinates lie in the middle of Baden-Württemberg).
                contribution.latitude = round(48.52 + (index % 13) * 0.002, 6)
                contribution.longitude = round(9.05 + (index % 17) * 0.002, 6)
            contribution.topics.set(
                [layers[layer] for layer in topic_layers]
                + ([own["hitze"]] if "Hitze" in text or "Sommer" in text else [])
                + ([own["bewegung"]] if "Gehen" in text or "Bewegung" in text else [])
                + ([own["einsamkeit"]] if "allein" in text.lower() else [])
            )
            StatusChange.objects.create(
                contribution=contribution, new_status="received"
            )
            answered_at = None
            if status != "received":
                StatusChange.objects.create(
                    contribution=contribution,
                    old_status="received",
                    new_status=status,
                    reason=REASONS.get(status, ""),
                    changed_by=coordinator,
                )
                answered_at = created_at + datetime.timedelta(days=3 + index % 15)
                Response.objects.create(
                    contribution=contribution, text=ANSWERS[status], author=coordinator
                )
            if status in ("taken_up", "implemented") and items:
                contribution.agenda_item = items[index % len(items)]
            if status == "implemented" and decisions:
                contribution.decision = decisions[index % len(decisions)]
            contribution.status = status
            contribution.answered_at = answered_at
            contribution.save()
            Contribution.objects.filter(pk=contribution.pk).update(
                created_at=created_at
            )
            StatusChange.objects.filter(contribution=contribution).update(
                changed_at=answered_at or created_at
            )
            if answered_at:
                Response.objects.filter(contribution=contribution).update(
                    created_at=answered_at
                )
            for user in supporters[: index % 4]:
                Support.objects.create(
                    contribution=contribution, user=user, confirmed_at=created_at
                )
            for n in range(index % 7):
                Support.objects.create(
                    contribution=contribution,
                    email=f"nachbar{n}@post.example",
                    confirmed_at=None if n == 5 else created_at,
                )
            if index % 4 == 1:
                Comment.objects.create(
                    municipality=municipality,
                    contribution=contribution,
                    author=partner if index % 8 == 1 else resident,
                    text=COMMENTS[index % len(COMMENTS)],
                    moderation="pending" if index % 24 == 5 else "approved",
                )
            if index in (11, 53, 97):
                # Reported three times: hidden until the coordination decides.
                for n in range(3):
                    Report.objects.create(
                        contribution=contribution,
                        reporter_key=f"demo-{index}-{n}",
                        reason="Das ist Werbung." if n == 0 else "",
                    )
                contribution.is_hidden = True
                contribution.save(update_fields=["is_hidden"])
            summary.add("contribution", "created")
            index += 1

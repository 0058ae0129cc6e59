"""Demo data of the rooms app for Musterstadt (DEMO-WORLD.md "Places and rooms").

The rooms of the Bürgerhaus (the municipality's), the Familienzentrum, St. Martin,
the mosque community, the library, the primary school and the community garden, with
bookings over the coming weeks: weekly series, requests waiting for the owner, one
rejection, and the room reserved for the Quartiersforum's meeting "Bilanz
Wochenend-Bus". Dates are relative to the day of the seed. `load(summary)` is called
by loader.seed after the forums; rows are found by natural keys (room slug; booking:
room + purpose + position in its series), so a second run changes nothing.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

SLUG = "musterstadt"
AYLIN = "koordination@musterstadt.example"
SERIES_NS = uuid.UUID("6f1c0c52-6a43-4d1e-9b1a-6b1e2f3a4c5d")

WEEKDAYS = range(5)
ALL_DAYS = range(7)

ROOMS: list[dict[str, Any]] = [
    {
        "slug": "buergerhaus-saal",
        "name": "Bürgerhaus Sonnenberg – Saal",
        "owner": None,
        "address": "Am Sonnenberg 12, 70999 Musterstadt",
        "neighborhood": "sonnenberg",
        "capacity": 120,
        "accessibility": [
            "step_free",
            "accessible_wc",
            "induction_loop",
            "accessible_parking",
            "lift",
        ],
        "equipment": "Bühne, Beamer und Leinwand, Mikrofonanlage, 120 Stühle, "
        "30 Tische, Teeküche nebenan",
        "house_rules": "<p>Der Saal ist um 22 Uhr besenrein zu übergeben. Tische und "
        "Stühle bitte wieder stapeln. Kein offenes Feuer.</p>",
        "bookable_by": "partners",
        "approval": "approval",
        "is_free": True,
        "hours": [(d, (8, 0), (22, 0)) for d in ALL_DAYS],
    },
    {
        "slug": "buergerhaus-gruppenraum",
        "name": "Bürgerhaus Sonnenberg – Gruppenraum",
        "owner": None,
        "address": "Am Sonnenberg 12, 70999 Musterstadt (Erdgeschoss)",
        "neighborhood": "sonnenberg",
        "capacity": 20,
        "accessibility": ["step_free", "accessible_wc", "quiet_room"],
        "equipment": "Stuhlkreis für 20, Flipchart, Moderationskoffer, Wasserkocher",
        "house_rules": "<p>Bitte lüften und das Licht ausschalten.</p>",
        "bookable_by": "residents",
        "approval": "instant",
        "is_free": True,
        "hours": [(d, (8, 0), (21, 0)) for d in ALL_DAYS],
    },
    {
        "slug": "familienzentrum-gruppenraum",
        "name": "Familienzentrum Bahnhofsviertel – Gruppenraum",
        "owner": "familienzentrum",
        "address": "Bahnhofstraße 27, 70999 Musterstadt",
        "neighborhood": "bahnhofsviertel",
        "capacity": 25,
        "accessibility": ["step_free", "accessible_wc"],
        "equipment": "Spielecke für Kinder, Beamer, Stühle und Tische für 25",
        "house_rules": "<p>Kinderbetreuung im Nebenraum nach Absprache.</p>",
        "bookable_by": "residents",
        "approval": "approval",
        "is_free": True,
        "hours": [(d, (9, 0), (20, 0)) for d in WEEKDAYS] + [(5, (10, 0), (16, 0))],
    },
    {
        "slug": "familienzentrum-kueche",
        "name": "Familienzentrum Bahnhofsviertel – Küche",
        "owner": "familienzentrum",
        "address": "Bahnhofstraße 27, 70999 Musterstadt",
        "neighborhood": "bahnhofsviertel",
        "capacity": 14,
        "accessibility": ["step_free"],
        "equipment": "Lehrküche mit vier Kochstellen, Geschirr für 30, Spülmaschine",
        "house_rules": "<p>Lebensmittel bitte selbst mitbringen; die Küche ist "
        "gereinigt zu verlassen. Bitte Allergene auf den Speisen kennzeichnen.</p>",
        "bookable_by": "partners",
        "approval": "approval",
        "is_free": False,
        "fee": "15 € pro Termin für Reinigung und Energie",
        "hours": [(d, (9, 0), (21, 0)) for d in WEEKDAYS],
    },
    {
        "slug": "st-martin-saal",
        "name": "Gemeindehaus St. Martin – Saal",
        "owner": "st_martin",
        "address": "Kirchgasse 4, 70999 Musterstadt",
        "neighborhood": "altstadt",
        "capacity": 60,
        "accessibility": ["step_free"],
        "equipment": "Saal im Erdgeschoss mit Klavier und Teeküche. Toiletten und "
        "Gruppenräume im Obergeschoss, nicht barrierefrei (kein Aufzug).",
        "house_rules": "<p>Bitte die Nachtruhe der Nachbarschaft ab 22 Uhr achten.</p>",
        "bookable_by": "residents",
        "approval": "approval",
        "is_free": True,
        "hours": [(d, (9, 0), (22, 0)) for d in range(6)],
    },
    {
        "slug": "moschee-gemeinderaum",
        "name": "Moschee-Gemeinderaum",
        "owner": "moscheegemeinde",
        "address": "Industriestraße 8, 70999 Musterstadt",
        "neighborhood": "bahnhofsviertel",
        "capacity": 40,
        "accessibility": ["step_free", "accessible_wc"],
        "equipment": "Teppichboden, Sitzkissen und 40 Stühle, Teeküche",
        "house_rules": "<p>Bitte Schuhe am Eingang ausziehen. Kein Alkohol. Zu den "
        "Gebetszeiten am Freitagmittag ist der Raum belegt.</p>",
        "bookable_by": "residents",
        "approval": "approval",
        "is_free": True,
        "hours": [(d, (10, 0), (21, 0)) for d in ALL_DAYS],
    },
    {
        "slug": "bibliothek-lesecafe",
        "name": "Stadtteilbibliothek – Lesecafé",
        "owner": "bibliothek",
        "address": "Bahnhofstraße 5, 70999 Musterstadt",
        "neighborhood": "bahnhofsviertel",
        "capacity": 25,
        "accessibility": ["step_free", "accessible_wc", "induction_loop"],
        "equipment": "Sofaecke, Kaffeeautomat, Bildschirm mit HDMI",
        "house_rules": "<p>Nur für gemeinnützige, offene Treffen. Während der "
        "Öffnungszeiten bitte in Zimmerlautstärke.</p>",
        "bookable_by": "residents",
        "approval": "approval",
        "is_free": True,
        "hours": [(d, (10, 0), (19, 0)) for d in (1, 2, 3, 4)]
        + [(5, (10, 0), (14, 0))],
    },
    {
        "slug": "turnhalle-grundschule",
        "name": "Turnhalle der Grundschule am Sonnenberg",
        "owner": "grundschule",
        "address": "Schulweg 3, 70999 Musterstadt",
        "neighborhood": "sonnenberg",
        "capacity": 50,
        "accessibility": ["step_free", "accessible_wc"],
        "equipment": "Einfeldhalle, Matten, Bälle, Umkleiden mit Duschen. Nur "
        "abends, außerhalb des Schulbetriebs.",
        "house_rules": "<p>Nur mit Hallenschuhen. Geräte nach Gebrauch wegräumen. In "
        "den Schulferien geschlossen.</p>",
        "bookable_by": "partners",
        "approval": "approval",
        "is_free": True,
        "hours": [(d, (17, 0), (22, 0)) for d in WEEKDAYS],
    },
    {
        "slug": "gruene-luecke",
        "name": "Gemeinschaftsgarten „Grüne Lücke“ (im Freien)",
        "owner": "gemeinschaftsgarten",
        "address": "Lindenstraße 40 (Brachfläche hinter dem Spielplatz), 70999 "
        "Musterstadt",
        "neighborhood": "bahnhofsviertel",
        "capacity": 30,
        "accessibility": ["step_free"],
        "equipment": "Hochbeete, Sitzbänke, Feuerschale, Wasseranschluss; kein Strom, "
        "keine Toilette (öffentliche Toilette im Lindenpark)",
        "house_rules": "<p>Bei Regen fällt die Nutzung aus. Bitte nichts ernten, was "
        "andere gepflanzt haben.</p>",
        "bookable_by": "residents",
        "approval": "instant",
        "is_free": True,
        "hours": [(d, (9, 0), (20, 0)) for d in ALL_DAYS],
    },
]

SPECS = {spec["slug"]: spec for spec in ROOMS}

# room slug, purpose, public?, people, requested by, on behalf of (actor key),
# first day (from today), start, end, weeks, status, rejection reason, meeting key
BOOKINGS: list[tuple] = [
    (
        "buergerhaus-gruppenraum",
        "Gehgruppe für Menschen mit Diabetes: Treffpunkt und Tee",
        True,
        12,
        "bewohnerin@musterstadt.example",
        None,
        2,
        (10, 0),
        (11, 30),
        8,
        "confirmed",
        "",
        None,
    ),
    (
        "turnhalle-grundschule",
        "Seniorengymnastik des Sportvereins",
        True,
        18,
        "partner@musterstadt.example",
        "sv_sonnenberg",
        3,
        (18, 0),
        (19, 30),
        10,
        "confirmed",
        "",
        None,
    ),
    (
        "buergerhaus-saal",
        "Quartiersforum Sonnenberg: Bilanz Wochenend-Bus",
        True,
        40,
        AYLIN,
        "qk_sonnenberg",
        20,
        (17, 30),
        (20, 30),
        1,
        "confirmed",
        "",
        "qs_bilanz",
    ),
    (
        "buergerhaus-gruppenraum",
        "Sprechstunde Pflegestützpunkt",
        False,
        4,
        AYLIN,
        "pflegestuetzpunkt",
        4,
        (14, 0),
        (16, 0),
        6,
        "confirmed",
        "",
        None,
    ),
    (
        "familienzentrum-gruppenraum",
        "Elterncafé mit Hebamme",
        True,
        15,
        "familienzentrum@musterstadt.example",
        "familienzentrum",
        1,
        (9, 30),
        (11, 30),
        6,
        "confirmed",
        "",
        None,
    ),
    (
        "moschee-gemeinderaum",
        "Mehrsprachiger Kochabend mit Ernährungsberaterin",
        True,
        30,
        "bewohnerin@musterstadt.example",
        None,
        12,
        (17, 0),
        (20, 0),
        1,
        "requested",
        "",
        None,
    ),
    (
        "familienzentrum-kueche",
        "Repair-Café-Vorbereitung: Kuchen backen",
        True,
        8,
        "haddad@musterstadt.example",
        "health_broker",
        9,
        (15, 0),
        (18, 0),
        1,
        "requested",
        "",
        None,
    ),
    (
        "st-martin-saal",
        "Vortrag: Hitzeschutz für Ältere",
        True,
        50,
        "partner@musterstadt.example",
        "sv_sonnenberg",
        16,
        (18, 0),
        (20, 0),
        1,
        "requested",
        "",
        None,
    ),
    (
        "bibliothek-lesecafe",
        "Geburtstagsfeier",
        False,
        20,
        "nachbar@musterstadt.example",
        None,
        6,
        (15, 0),
        (18, 0),
        1,
        "rejected",
        "Das Lesecafé steht nur für gemeinnützige, offene Treffen zur Verfügung. Für "
        "private Feiern fragen Sie bitte beim Bürgerhaus an.",
        None,
    ),
    (
        "gruene-luecke",
        "Pflanzaktion mit der Kita Lindenstraße",
        True,
        25,
        "nachbar@musterstadt.example",
        None,
        5,
        (10, 0),
        (12, 0),
        1,
        "confirmed",
        "",
        None,
    ),
    (
        "bibliothek-lesecafe",
        "Lesekreis „Gesund älter werden“",
        True,
        10,
        "jury@musterstadt.example",
        None,
        7,
        (16, 0),
        (17, 30),
        4,
        "requested",
        "",
        None,
    ),
]


def _when(today: datetime.date, day: int, hm: tuple[int, int]) -> Any:
    from django.utils import timezone

    return timezone.make_aware(
        datetime.datetime.combine(
            today + datetime.timedelta(days=day), datetime.time(*hm)
        )
    )


def load(summary: Any) -> None:
    """Write the rooms and bookings of Musterstadt (idempotent)."""
    from django.utils import timezone

    from quartier.core.models import Neighborhood
    from quartier.core.sanitize import clean_html
    from quartier.demo import loader
    from quartier.forums.models import Meeting
    from quartier.rooms.models import Booking, OpeningHours, Room

    municipality = loader.get_municipality(SLUG)
    neighborhoods = {n.slug: n for n in Neighborhood.objects.of(municipality)}
    rooms: dict[str, Room] = {}
    for spec in ROOMS:
        owner = loader.get_actor(municipality, spec["owner"]) if spec["owner"] else None
        room = loader._upsert(
            Room,
            {"municipality": municipality, "slug": spec["slug"]},
            {
                "name": spec["name"],
                "owner_actor": owner,
                "address": spec["address"],
                "neighborhood": neighborhoods.get(spec["neighborhood"]),
                "capacity": spec["capacity"],
                "accessibility": spec["accessibility"],
                "equipment": spec["equipment"],
                "house_rules": clean_html(spec["house_rules"]),
                "bookable_by": spec["bookable_by"],
                "approval": spec["approval"],
                "is_free": spec["is_free"],
                "fee": spec.get("fee", ""),
                "is_public": True,
                "archived_at": None,
            },
            summary,
            "room",
        )
        wanted = {
            (d, datetime.time(*o), datetime.time(*c)) for d, o, c in spec["hours"]
        }
        have = {(h.weekday, h.opens, h.closes) for h in room.opening_hours.all()}
        if wanted != have:
            room.opening_hours.all().delete()
            OpeningHours.objects.bulk_create(
                OpeningHours(room=room, weekday=d, opens=o, closes=c)
                for d, o, c in sorted(wanted)
            )
        rooms[spec["slug"]] = room

    today = timezone.localdate()
    users: dict[str, Any] = {}
    meetings = {
        "qs_bilanz": Meeting.objects.filter(
            municipality=municipality,
            title="Quartiersforum Sonnenberg: Bilanz Wochenend-Bus",
        ).first()
    }
    for (
        slug,
        purpose,
        public,
        people,
        email,
        actor_key,
        day,
        start,
        end,
        weeks,
        status,
        reason,
        meeting_key,
    ) in BOOKINGS:
        room = rooms[slug]
        if email not in users:
            users[email] = loader.get_user(email)
        actor = loader.get_actor(municipality, actor_key) if actor_key else None
        meeting = meetings.get(meeting_key) if meeting_key else None
        if meeting is not None:
            starts = timezone.localtime(meeting.starts_at)
            day = (starts.date() - today).days
            start = (starts.hour - 1, starts.minute) if starts.hour else start
        else:
            # Move to the next day the room is open (dates depend on the seed day).
            open_days = {d for d, _o, _c in SPECS[slug]["hours"]}
            while (today + datetime.timedelta(days=day)).weekday() not in open_days:
                day += 1
        series = uuid.uuid5(SERIES_NS, f"{slug}:{purpose}") if weeks > 1 else None
        for week in range(weeks):
            first = day + 7 * week
            loader._upsert(
                Booking,
                {
                    "room": room,
                    "purpose": purpose,
                    "series_position": week + 1 if series else None,
                },
                {
                    "municipality": municipality,
                    "purpose_public": public,
                    "expected_people": people,
                    "requested_by": users[email],
                    "on_behalf_of": actor,
                    "starts_at": _when(today, first, start),
                    "ends_at": _when(today, first, end),
                    "status": status,
                    "rejection_reason": reason,
                    "series": series,
                    "meeting": meeting,
                },
                summary,
                "booking",
            )

"""Demo data of the funds app for Musterstadt (DEMO-WORLD.md "Quartiersfonds
Sonnenberg 2026"; issue 5 calls it "Quartiersfonds Musterstadt 2026", the demo world
names it after the neighbourhood it serves).

Budget 15,000 €, at most 1,500 € per project, the coordination decides alone up to
300 €. The Vergabebeirat of seven: three residents (one of them the demo login
jury@musterstadt.example), two from civil society, one from the administration, and
the coordinator Aylin Demir without a vote. One call, and fifteen applications in
every state from draft to closed, with votes, a conflict of interest, payouts and
proofs of use.

`load(summary)` is called by loader.seed after the people, actors and forums; rows
are found by natural keys (fund slug, call title, application title) so that a
second run changes nothing. Money is written row by row here, not through the
services (no e-mails during the seed); `committed` is recomputed at the end from the
applications, exactly as the services keep it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

SLUG = "musterstadt"
FUND_SLUG = "quartiersfonds-sonnenberg-2026"
AYLIN = "koordination@musterstadt.example"
D = Decimal

# The jury members the demo world does not have yet (same password as every login).
JURY_PEOPLE: list[dict[str, Any]] = [
    {
        "email": "g.wagner@musterstadt.example",
        "display_name": "Gisela Wagner",
        "memberships": [(SLUG, "resident")],
        "actors": [],
        "about": "resident of Sonnenberg, jury of the Quartiersfonds",
    },
    {
        "email": "m.aksoy@musterstadt.example",
        "display_name": "Mehmet Aksoy",
        "memberships": [(SLUG, "resident")],
        "actors": [],
        "about": "resident of Sonnenberg, jury of the Quartiersfonds",
    },
    {
        "email": "r.lange@musterstadt.example",
        "display_name": "Ruth Lange",
        "memberships": [(SLUG, "partner")],
        "actors": [(SLUG, "st_martin")],
        "about": "Evangelische Kirchengemeinde St. Martin, jury of the Quartiersfonds",
    },
    {
        "email": "o.kovalenko@musterstadt.example",
        "display_name": "Olena Kovalenko",
        "memberships": [(SLUG, "partner")],
        "actors": [(SLUG, "soniashnyk")],
        "about": 'Ukrainischer Kulturverein "Soniashnyk", jury of the Quartiersfonds',
    },
    {
        "email": "t.brenner@musterstadt.example",
        "display_name": "Thomas Brenner",
        "memberships": [(SLUG, "coordinator")],
        "actors": [],
        "about": "Amt für Soziales und Teilhabe, jury of the Quartiersfonds",
    },
]

# (e-mail, seat, has a vote)
JURY = [
    ("jury@musterstadt.example", "resident", True),
    ("g.wagner@musterstadt.example", "resident", True),
    ("m.aksoy@musterstadt.example", "resident", True),
    ("r.lange@musterstadt.example", "civil_society", True),
    ("o.kovalenko@musterstadt.example", "civil_society", True),
    ("t.brenner@musterstadt.example", "administration", True),
    (AYLIN, "other", False),
]
VOTERS = [email for email, _seat, voting in JURY if voting]

RULES = (
    "<p>Der Quartiersfonds Sonnenberg fördert kleine Projekte, die das Leben im "
    "Quartier gesünder machen: Begegnung, Bewegung, gutes Essen, Hilfe unter "
    "Nachbarn.</p><ul><li>Bewerben können sich Bewohner:innen, Nachbarschaftsgruppen "
    "ohne Rechtsform und Vereine.</li><li>Pro Projekt gibt es höchstens 1.500 €.</li>"
    "<li>Bis 300 € entscheidet die Quartierskoordination selbst, darüber der "
    "Vergabebeirat mit einfacher Mehrheit; mindestens vier Mitglieder müssen "
    "abstimmen.</li><li>Spätestens acht Wochen nach dem Projekt schicken Sie einen "
    "kurzen Verwendungsnachweis mit Belegen. Was Sie nicht brauchen, geht zurück in "
    "den Fonds.</li></ul><p>Die Regeln hat das Quartiersforum Sonnenberg "
    "beschlossen.</p>"
)

# title, applicant, actor key or "", group name, status, starts in days, cost lines,
# own contribution, requested, details
APPLICATIONS: list[dict[str, Any]] = [
    {
        "title": "Sommerfest am Hügelweg",
        "applicant": "bewohnerin@musterstadt.example",
        "group": "Nachbarschaftstreff Hügelweg",
        "status": "closed",
        "days": -90,
        "lines": [
            ("Essen und Getränke", "700"),
            ("Hüpfburg", "350"),
            ("Plakate", "150"),
        ],
        "own": "0",
        "requested": "1200",
        "approved": "1200",
        "how": "jury",
        "votes": ["yes", "yes", "yes", "yes", "no"],
        "paid": ["1200"],
        "report": (
            "Rund 150 Nachbar:innen kamen, viele zum ersten Mal ins "
            "Gespräch. Die Hüpfburg war den ganzen Tag besetzt.",
            150,
            "1080",
        ),
        "what": "Ein Fest auf der Wiese hinter dem Bürgerhaus, mit Essen aus vielen "
        "Ländern, Musik und Spielen für Kinder.",
    },
    {
        "title": "Mehrsprachiger Kochabend mit Ernährungsberaterin",
        "applicant": "familienzentrum@musterstadt.example",
        "actor": "familienzentrum",
        "status": "reported",
        "days": -40,
        "lines": [
            ("Lebensmittel", "400"),
            ("Honorar Ernährungsberatung", "300"),
            ("Übersetzung Arabisch und Türkisch", "150"),
        ],
        "own": "0",
        "requested": "850",
        "approved": "850",
        "how": "jury",
        "votes": ["yes", "yes", "yes", "abstain", "yes"],
        "paid": ["850"],
        "report": (
            "Vier Abende, an denen 22 Familien gemeinsam gekocht haben; "
            "die Rezepte gibt es jetzt als Heft in drei Sprachen.",
            64,
            "790",
        ),
        "what": "Vier Kochabende in der Küche des Familienzentrums, mit einer "
        "Ernährungsberaterin und Sprachmittlung.",
    },
    {
        "title": "Stühle für den Lauftreff",
        "applicant": "nachbar@musterstadt.example",
        "group": "Lauftreff Sonnenberg",
        "status": "paid",
        "days": -20,
        "lines": [("Sechs Klappstühle", "240"), ("Transporttasche", "40")],
        "own": "0",
        "requested": "280",
        "approved": "280",
        "how": "solo",
        "paid": ["280"],
        "what": "Klappstühle, damit Ältere nach dem Gehen zusammensitzen können.",
    },
    {
        "title": "Repair-Café im Bürgerhaus",
        "applicant": "nachbar@musterstadt.example",
        "group": "Repair-Café Sonnenberg",
        "status": "approved",
        "days": 25,
        "lines": [
            ("Werkzeug", "500"),
            ("Ersatzteile", "250"),
            ("Kaffee und Kuchen", "150"),
        ],
        "own": "0",
        "requested": "900",
        "approved": "900",
        "how": "jury",
        "votes": ["yes", "yes", "yes", "yes"],
        "what": "Einmal im Monat reparieren Ehrenamtliche mit Nachbar:innen, was kaputt ist.",
    },
    {
        "title": "Startgeld für ein Elterncafé",
        "applicant": "familienzentrum@musterstadt.example",
        "group": "Elterncafé Sonnenberg",
        "status": "complete",
        "days": 35,
        "lines": [("Kaffeemaschine", "300"), ("Spielzeug", "400"), ("Flyer", "100")],
        "own": "100",
        "requested": "700",
        "votes_open": {
            "g.wagner@musterstadt.example": "yes",
            "r.lange@musterstadt.example": "yes",
            "t.brenner@musterstadt.example": "abstain",
        },
        "what": "Ein offener Treff für Eltern mit kleinen Kindern, zweimal pro Woche.",
    },
    {
        "title": "Seniorentanz-Nachmittag",
        "applicant": "bewohnerin@musterstadt.example",
        "group": "Seniorentreff im Bürgerhaus",
        "status": "complete",
        "days": 30,
        "lines": [("Tanzlehrerin, sechs Termine", "600"), ("Getränke", "90")],
        "own": "40",
        "requested": "650",
        "conflict": (
            "g.wagner@musterstadt.example",
            "Ich leite den Seniorentreff mit.",
        ),
        "votes_open": {"m.aksoy@musterstadt.example": "yes"},
        "what": "Sechs Tanznachmittage gegen Einsamkeit und für Beweglichkeit.",
    },
    {
        "title": "Hochbeete für die Grundschule",
        "applicant": "partner@musterstadt.example",
        "group": "Elternbeirat Grundschule am Sonnenberg",
        "status": "submitted",
        "days": 45,
        "lines": [("Holz und Erde", "700"), ("Saatgut", "80")],
        "own": "100",
        "requested": "680",
        "what": "Drei Hochbeete auf dem Schulhof, die Klassen pflegen sie.",
    },
    {
        "title": "Spieleabend für Jugendliche",
        "applicant": "haddad@musterstadt.example",
        "group": "Jugendgruppe Kompass",
        "status": "questions",
        "days": 50,
        "lines": [("Brettspiele", "250"), ("Snacks", "150")],
        "own": "0",
        "requested": "400",
        "question": "Wie viele Jugendliche erwarten Sie, und wer betreut die Abende?",
        "what": "Monatliche Spieleabende im Jugendhaus.",
    },
    {
        "title": "Nachbarschaftsflohmarkt",
        "applicant": "bewohnerin@musterstadt.example",
        "group": "",
        "status": "draft",
        "days": 60,
        "lines": [("Tische leihen", "120")],
        "own": "0",
        "requested": None,
        "what": "",
    },
    {
        "title": "Bewegungspause im Park",
        "applicant": "partner@musterstadt.example",
        "actor": "sv_sonnenberg",
        "status": "rejected",
        "days": 15,
        "lines": [("Trainerhonorar", "1400")],
        "own": "0",
        "requested": "1400",
        "how": "jury",
        "votes": ["no", "no", "yes", "no", "abstain"],
        "rationale": "Der Vergabebeirat empfiehlt, das Angebot über das "
        "Präventionsprogramm der AOK zu finanzieren.",
        "what": "Zweimal pro Woche eine angeleitete Bewegungspause für Berufstätige.",
    },
    {
        "title": "Lesepatenschaften in der Bibliothek",
        "applicant": "nachbar@musterstadt.example",
        "group": "Lesepat:innen Sonnenberg",
        "status": "withdrawn",
        "days": 20,
        "lines": [("Bücher", "300")],
        "own": "0",
        "requested": "300",
        "what": "Ehrenamtliche lesen Kindern vor.",
    },
    {
        "title": "Gemeinsames Frühstück im Hochhaus",
        "applicant": "bewohnerin@musterstadt.example",
        "group": "Hausgemeinschaft Hügelweg 12",
        "status": "approved",
        "days": 10,
        "lines": [("Frühstück für 40 Personen", "250")],
        "own": "0",
        "requested": "250",
        "approved": "250",
        "how": "solo",
        "what": "Ein Frühstück im Gemeinschaftsraum, damit sich die Nachbarn kennenlernen.",
    },
    {
        "title": "Sprachcafé Deutsch-Ukrainisch",
        "applicant": "haddad@musterstadt.example",
        "actor": "health_broker",
        "status": "paid",
        "days": 5,
        "lines": [("Raummiete", "300"), ("Material", "200"), ("Verpflegung", "500")],
        "own": "0",
        "requested": "1000",
        "approved": "1000",
        "how": "jury",
        "votes": ["yes", "yes", "yes", "yes", "yes"],
        "paid": ["500"],
        "what": "Wöchentliches Sprachcafé, bei dem auch Gesundheitsfragen Platz haben.",
    },
    {
        "title": "Kräuterspaziergang mit der Apotheke",
        "applicant": "nachbar@musterstadt.example",
        "group": "Kräutergruppe Grüne Lücke",
        "status": "closed",
        "days": -70,
        "lines": [("Honorar Führung", "150"), ("Kräuterbüchlein", "90")],
        "own": "0",
        "requested": "240",
        "approved": "240",
        "how": "solo",
        "paid": ["240"],
        "report": (
            "Zwei Spaziergänge mit 35 Teilnehmenden; die Apotheke am Markt "
            "hat ehrenamtlich mitgeführt.",
            35,
            "240",
        ),
        "what": "Zwei Spaziergänge zu Heilkräutern am Stadtrand.",
    },
    {
        "title": "Erste-Hilfe-Kurs für Eltern",
        "applicant": "familienzentrum@musterstadt.example",
        "actor": "familienzentrum",
        "status": "submitted",
        "days": 40,
        "lines": [("Kursgebühr DRK", "480"), ("Kinderbetreuung", "120")],
        "own": "60",
        "requested": "540",
        "what": "Ein Kurs Erste Hilfe am Kind, mit Kinderbetreuung.",
    },
]

DECIDED = {"approved", "rejected", "paid", "reported", "closed"}


def load(summary: Any) -> None:
    """Write the Quartiersfonds Sonnenberg 2026 (idempotent)."""
    from quartier.demo import loader
    from quartier.funds.models import (
        Application,
        Call,
        ConflictOfInterest,
        CostLine,
        Fund,
        GrantReport,
        JuryMember,
        Payout,
        Vote,
    )
    from quartier.funds.services import committed_total, money_back

    municipality = loader.get_municipality(SLUG)
    passwords = loader._Passwords()
    for person in JURY_PEOPLE:
        loader._seed_person(person, {SLUG: municipality}, summary, passwords)
    sonnenberg = loader.Neighborhood.objects.get(
        municipality=municipality, slug="sonnenberg"
    )
    today = timezone.localdate()
    fund = loader._upsert(
        Fund,
        {"municipality": municipality, "slug": FUND_SLUG},
        {
            "name": "Quartiersfonds Sonnenberg 2026",
            "neighborhood": sonnenberg,
            "year": 2026,
            "budget": D("15000.00"),
            "max_per_project": D("1500.00"),
            "solo_limit": D("300.00"),
            "quorum": 4,
            "majority_rule": "simple",
            "status": "open",
            "rules": loader.clean_html(RULES),
            "contact_email": "sonnenberg@musterstadt.example",
        },
        summary,
        "fund",
    )
    seats = {}
    for email, seat, voting in JURY:
        seats[email] = loader._upsert(
            JuryMember,
            {"fund": fund, "user": loader.get_user(email)},
            {"role": seat, "voting": voting},
            summary,
            "jury member",
        )
    call = loader._upsert(
        Call,
        {"fund": fund, "title": "Aufruf 2026: Gesund zusammen leben am Sonnenberg"},
        {
            "municipality": municipality,
            "text": loader.clean_html(
                "<p>Sie haben eine Idee, wie Nachbar:innen am Sonnenberg mehr "
                "zusammenkommen, sich bewegen oder gesund essen? Beantragen Sie bis "
                "zu 1.500 €. Wir helfen gern beim Antrag – rufen Sie die "
                "Quartierskoordination an oder kommen Sie in die Sprechstunde im "
                "Bürgerhaus.</p>"
            ),
            "opens_on": today - datetime.timedelta(days=120),
            "closes_on": today + datetime.timedelta(days=120),
            "topics": "Begegnung, Bewegung, Ernährung, Nachbarschaftshilfe",
            "max_amount": D("1500.00"),
        },
        summary,
        "call",
    )
    aylin = loader.get_user(AYLIN)
    for spec in APPLICATIONS:
        status = spec["status"]
        start = today + datetime.timedelta(days=spec["days"])
        decided = status in DECIDED
        approved = D(spec["approved"]) if spec.get("approved") else None
        paid = sum((D(p) for p in spec.get("paid", [])), D("0"))
        values = {
            "municipality": municipality,
            "applicant": loader.get_user(spec["applicant"]),
            "actor": loader.get_actor(municipality, spec["actor"])
            if spec.get("actor")
            else None,
            "group_name": spec.get("group", ""),
            "what": spec["what"],
            "for_whom": "Nachbar:innen am Sonnenberg" if spec["what"] else "",
            "health_benefit": "Begegnung, Bewegung und gesunde Ernährung im Quartier."
            if spec["what"]
            else "",
            "neighborhood": sonnenberg,
            "place": "Bürgerhaus Sonnenberg",
            "starts_on": start,
            "own_contribution": D(spec["own"]),
            "requested_amount": D(spec["requested"]) if spec["requested"] else None,
            "status": status,
            "precheck_message": spec.get("question", ""),
            "voting_open": status == "complete",
            "approved_amount": approved if status != "rejected" else None,
            "rationale": spec.get(
                "rationale",
                "Das Projekt bringt Nachbar:innen zusammen und passt zu den Zielen "
                "des Fonds.",
            )
            if decided
            else "",
            "decided_by": aylin if decided else None,
            "decided_how": spec.get("how", "") if decided else "",
            "paid_total": paid,
            "report_due_on": start + datetime.timedelta(weeks=8)
            if decided and status != "rejected"
            else None,
        }
        application = Application.objects.filter(call=call, title=spec["title"]).first()
        if application is None:
            application = loader._upsert(
                Application,
                {"call": call, "title": spec["title"]},
                values,
                summary,
                "application",
            )
            application.submitted_at = (
                timezone.now() - datetime.timedelta(days=30)
                if status != "draft"
                else None
            )
            application.decided_at = (
                timezone.now() - datetime.timedelta(days=14) if decided else None
            )
            application.save(update_fields=["submitted_at", "decided_at"])
            for i, (item, amount) in enumerate(spec["lines"]):
                CostLine.objects.create(
                    application=application, position=i, item=item, amount=D(amount)
                )
            for i, amount in enumerate(spec.get("paid", [])):
                Payout.objects.create(
                    application=application,
                    paid_on=start - datetime.timedelta(days=7 - i),
                    amount=D(amount),
                    created_by=aylin,
                )
            if spec.get("report"):
                text, people, receipts = spec["report"]
                GrantReport.objects.create(
                    application=application,
                    what_happened=text,
                    participants=people,
                    receipts_total=D(receipts),
                )
            if status == "closed":
                application.returned_amount = money_back(application)
                application.save(update_fields=["returned_amount"])
        else:
            summary.add("application", "unchanged")
        for email, choice in zip(VOTERS, spec.get("votes", []), strict=False):
            Vote.objects.get_or_create(
                application=application,
                member=seats[email],
                defaults={"choice": choice},
            )
        for email, choice in spec.get("votes_open", {}).items():
            Vote.objects.get_or_create(
                application=application,
                member=seats[email],
                defaults={"choice": choice, "comment": "Gute Idee für das Quartier."},
            )
        if spec.get("conflict"):
            email, note = spec["conflict"]
            ConflictOfInterest.objects.get_or_create(
                application=application, member=seats[email], defaults={"note": note}
            )
    committed = committed_total(fund)
    if fund.committed != committed:
        Fund.objects.filter(pk=fund.pk).update(committed=committed)

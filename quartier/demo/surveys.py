"""Demo data of the surveys app for Musterstadt (DEMO-WORLD.md): two surveys with
about 40 anonymous answers each — "Hitze im Sommer" (closed, results public) and
"Wie gut kennen Sie Ihre Nachbarschaft?" (open in Sonnenberg, results shown while
open).

`load(summary)` is called by loader.seed after the people, actors and forums; a
survey is found by its title, so a second run changes nothing. The answers are drawn
from a seeded random generator, so every seed gives the same figures.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

SLUG = "musterstadt"
ANSWERS_PER_SURVEY = 40

SURVEYS: list[dict[str, Any]] = [
    {
        "title": "Hitze im Sommer: Was hilft Ihnen?",
        "intro": (
            "Die Sommer werden heißer, und besonders ältere Menschen, kleine Kinder "
            "und Menschen mit Vorerkrankungen leiden darunter. Die Stabsstelle "
            "Gesundheitsplanung bereitet einen Hitzeaktionsplan vor. Sagen Sie uns, "
            "was Ihnen an heißen Tagen hilft und was fehlt. Die Umfrage dauert etwa "
            "drei Minuten; Ihre Antworten sind anonym."
        ),
        "neighborhood": None,
        "opens": -60,
        "closes": -20,
        "show_results_while_open": False,
        "questions": [
            {
                "text": "Wie stark belastet Sie die Hitze im Sommer?",
                "kind": "scale",
                "required": True,
                "low": "gar nicht",
                "high": "sehr stark",
                "weights": [2, 4, 9, 14, 11],
            },
            {
                "text": "Was hilft Ihnen an heißen Tagen?",
                "help_text": "Mehrere Antworten sind möglich.",
                "kind": "multiple",
                "choices": [
                    ("Schattige Bänke", 0.6),
                    ("Trinkbrunnen", 0.45),
                    ("Kühle Räume, z. B. Bibliothek oder Kirche", 0.3),
                    ("Anrufe aus der Nachbarschaft", 0.2),
                    ("Bäume und Grünflächen", 0.65),
                ],
            },
            {
                "text": "In welchem Quartier wohnen Sie?",
                "kind": "single",
                "required": True,
                "choices": [
                    ("Altstadt", 14),
                    ("Bahnhofsviertel", 11),
                    ("Sonnenberg", 12),
                    ("anderswo in Musterstadt", 3),
                ],
            },
            {
                "text": "Was sollte die Stadt im nächsten Sommer tun?",
                "kind": "text",
                "texts": [
                    "Mehr Bänke im Schatten in der Altstadt, die Wege zum Markt sind "
                    "steil und es gibt kaum Pausen.",
                    "Einen Trinkbrunnen am Spielplatz Lindenpark.",
                    "Die Stadtteilbibliothek an heißen Tagen länger öffnen.",
                    "Ältere Nachbarn anrufen, die allein leben – ein Hitzetelefon wäre gut.",
                    "Bäume am Bahnhofsplatz pflanzen statt noch mehr Pflaster.",
                    "Informationen auch auf Türkisch, Arabisch und Ukrainisch.",
                    "Sonnensegel über dem Sandkasten im Bahnhofsviertel.",
                    "Im Bürgerhaus einen kühlen Raum zum Aufenthalt anbieten.",
                ],
            },
        ],
    },
    {
        "title": "Wie gut kennen Sie Ihre Nachbarschaft?",
        "intro": (
            "Gute Nachbarschaft hält gesund. Die Quartierskoordination Sonnenberg "
            "möchte wissen, wie gut sich die Menschen auf dem Sonnenberg kennen und "
            "wo sie sich begegnen. Die Ergebnisse besprechen wir im nächsten "
            "Quartiersforum im Bürgerhaus."
        ),
        "neighborhood": "sonnenberg",
        "opens": -7,
        "closes": 21,
        "show_results_while_open": True,
        "questions": [
            {
                "text": "Wie viele Ihrer Nachbarinnen und Nachbarn kennen Sie mit Namen?",
                "kind": "single",
                "required": True,
                "choices": [
                    ("keine", 5),
                    ("1 bis 3", 13),
                    ("4 bis 10", 15),
                    ("mehr als 10", 7),
                ],
            },
            {
                "text": "Wie wohl fühlen Sie sich auf dem Sonnenberg?",
                "kind": "scale",
                "required": True,
                "low": "gar nicht wohl",
                "high": "sehr wohl",
                "weights": [2, 5, 12, 14, 7],
            },
            {
                "text": "Wo treffen Sie Menschen aus dem Quartier?",
                "help_text": "Mehrere Antworten sind möglich.",
                "kind": "multiple",
                "choices": [
                    ("im Bürgerhaus", 0.45),
                    ("auf dem Spielplatz", 0.3),
                    ("im Gemeinschaftsgarten „Grüne Lücke“", 0.2),
                    ("beim Lauftreff oder im Sportverein", 0.25),
                    ("beim Einkaufen", 0.55),
                    ("eigentlich nirgends", 0.1),
                ],
            },
            {
                "text": "Was würde Ihnen helfen, mehr Menschen kennenzulernen?",
                "kind": "text",
                "texts": [
                    "Ein Nachbarschaftscafé am Samstagvormittag.",
                    "Ein Sommerfest für alle Häuser der Baugenossenschaft.",
                    "Eine Busverbindung am Wochenende, dann käme ich öfter ins Bürgerhaus.",
                    "Ein schwarzes Brett im Hauseingang.",
                    "Gemeinsam kochen, mit Gerichten aus allen Ländern.",
                    "Ein Spaziergang für Menschen mit Diabetes.",
                ],
            },
        ],
    },
]


def _fake_answers(rng: random.Random, question: Any, spec: dict[str, Any]) -> Any:
    choices = list(question.choices.order_by("order", "pk"))
    if spec["kind"] == "scale":
        return rng.choices(range(1, 6), weights=spec["weights"])[0]
    if spec["kind"] == "single":
        weights = [weight for _text, weight in spec["choices"]]
        return rng.choices(choices, weights=weights)[0].pk
    if spec["kind"] == "multiple":
        return [
            choice.pk
            for choice, (_text, share) in zip(choices, spec["choices"], strict=True)
            if rng.random() < share
        ]
    texts = spec.get("texts", [])
    return rng.choice(texts) if texts and rng.random() < 0.35 else ""


def load(summary: Any) -> None:
    """Write the surveys demo data."""
    from django.db import transaction
    from django.utils import timezone

    from quartier.core.models import Neighborhood
    from quartier.demo import loader
    from quartier.surveys.models import (
        Answer,
        Choice,
        Question,
        Response,
        Survey,
        SurveyStatus,
    )
    from quartier.surveys.services import respondent_hash

    municipality = loader.get_municipality(SLUG)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number, spec in enumerate(SURVEYS):
        if Survey.objects.filter(
            municipality=municipality, title=spec["title"]
        ).exists():
            summary.add("survey", "unchanged")
            continue
        with transaction.atomic():
            neighborhood = None
            if spec["neighborhood"]:
                neighborhood = Neighborhood.objects.get(
                    municipality=municipality, slug=spec["neighborhood"]
                )
            opens = now + datetime.timedelta(days=spec["opens"])
            survey = Survey.objects.create(
                municipality=municipality,
                title=spec["title"],
                intro=spec["intro"],
                neighborhood=neighborhood,
                opens_at=opens,
                closes_at=now + datetime.timedelta(days=spec["closes"]),
                status=SurveyStatus.PUBLISHED,
                published_at=opens,
                show_results_while_open=spec["show_results_while_open"],
            )
            questions = []
            for order, item in enumerate(spec["questions"], start=1):
                question = Question.objects.create(
                    survey=survey,
                    text=item["text"],
                    help_text=item.get("help_text", ""),
                    kind=item["kind"],
                    required=item.get("required", False),
                    order=order,
                    scale_low_label=item.get("low", ""),
                    scale_high_label=item.get("high", ""),
                )
                Choice.objects.bulk_create(
                    Choice(question=question, text=text, order=i)
                    for i, (text, _weight) in enumerate(item.get("choices", []))
                )
                questions.append((question, item))
            rng = random.Random(f"quartier-demo-survey-{number}")  # noqa: S311 - demo figures
            for n in range(ANSWERS_PER_SURVEY):
                response = Response.objects.create(
                    survey=survey,
                    respondent_hash=respondent_hash(survey, f"demo-{number}-{n}"),
                )
                rows = []
                for question, item in questions:
                    value = _fake_answers(rng, question, item)
                    if item["kind"] == "scale":
                        rows.append(
                            Answer(response=response, question=question, value=value)
                        )
                    elif item["kind"] == "single":
                        rows.append(
                            Answer(
                                response=response, question=question, choice_id=value
                            )
                        )
                    elif item["kind"] == "multiple":
                        rows.extend(
                            Answer(response=response, question=question, choice_id=pk)
                            for pk in value
                        )
                    elif value:
                        rows.append(
                            Answer(response=response, question=question, text=value)
                        )
                Answer.objects.bulk_create(rows)
                # Spread the answers over the time the survey was open.
                Response.objects.filter(pk=response.pk).update(
                    created_at=opens + datetime.timedelta(hours=7 + 9 * n)
                )
        summary.add("survey", "created")

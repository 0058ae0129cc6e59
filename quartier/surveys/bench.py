"""Benchmark data of the surveys app: many surveys, and one with many answers.

`seed_bench(municipality, count)` creates `count` published surveys with a question
each (bulk_create), and gives the newest one `count` anonymous answers, so that both
the list and the results page of a busy survey are measured.
"""

from __future__ import annotations

import datetime
from typing import Any

# The results page of the busiest survey has an id only known after seeding; see
# results_path() for a caller that wants to measure it too.
BENCH_PAGES = [("survey list", "/{slug}/surveys/")]


def seed_bench(municipality: Any, count: int) -> None:
    from django.utils import timezone

    from quartier.surveys.models import Answer, Choice, Question, Response, Survey

    now = timezone.now()
    surveys = Survey.objects.bulk_create(
        Survey(
            municipality=municipality,
            title=f"Bench-Umfrage {i}",
            intro="Eine Umfrage für die Messung.",
            status="published",
            opens_at=now - datetime.timedelta(days=30, minutes=i),
            closes_at=now - datetime.timedelta(days=1),
        )
        for i in range(count)
    )
    questions = Question.objects.bulk_create(
        Question(survey=s, text="Wie geht es Ihnen?", kind="single", required=True)
        for s in surveys
    )
    busiest = questions[0]
    choices = Choice.objects.bulk_create(
        Choice(question=busiest, text=t, order=i)
        for i, t in enumerate(["gut", "mittel", "schlecht"])
    )
    responses = Response.objects.bulk_create(
        Response(survey=busiest.survey, respondent_hash=f"{i:064x}")
        for i in range(count)
    )
    Answer.objects.bulk_create(
        (
            Answer(response=r, question=busiest, choice=choices[i % 3])
            for i, r in enumerate(responses)
        ),
        batch_size=2000,
    )


def results_path(municipality: Any) -> str:
    """The results page of the survey with the most answers."""
    from django.db.models import Count

    from quartier.surveys.models import Survey

    survey = (
        Survey.objects.of(municipality)
        .annotate(n=Count("responses"))
        .order_by("-n")
        .first()
    )
    return f"/{municipality.slug}/surveys/{survey.pk}/results/" if survey else ""

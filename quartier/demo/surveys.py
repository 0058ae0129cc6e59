"""Seeds the surveys of Musterstadt from `data/surveys.yaml`. The answers come
from a seeded random generator, so every seed gives the same figures; they are spread
over the time the survey was open, up to today.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.surveys.models import (
    Answer,
    Choice,
    Question,
    Response,
    Survey,
    SurveyStatus,
)
from quartier.surveys.services import respondent_hash

SLUG = "musterstadt"


def _pairs(choices: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """[{text: weight}] → [(text, weight)]."""
    return [next(iter(c.items())) for c in choices]


def _fake_answers(rng: random.Random, question: Any, spec: dict[str, Any]) -> Any:
    choices = list(question.choices.order_by("order", "pk"))
    if spec["kind"] == "scale":
        return rng.choices(range(1, 6), weights=spec["weights"])[0]
    if spec["kind"] == "single":
        weights = [weight for _text, weight in _pairs(spec["choices"])]
        return rng.choices(choices, weights=weights)[0].pk
    if spec["kind"] == "multiple":
        return [
            choice.pk
            for choice, (_text, share) in zip(
                choices, _pairs(spec["choices"]), strict=True
            )
            if rng.random() < share
        ]
    texts = spec.get("texts", [])
    return rng.choice(texts) if texts and rng.random() < 0.35 else ""


def load(summary: Any) -> None:
    """Write the surveys demo data."""
    data = records.read("surveys")
    municipality = records.get_municipality(SLUG)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number, spec in enumerate(data["surveys"]):
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
            opens = now + datetime.timedelta(days=records.days(spec["opens"]))
            survey = Survey.objects.create(
                municipality=municipality,
                title=spec["title"],
                intro=spec["intro"],
                neighborhood=neighborhood,
                opens_at=opens,
                closes_at=now + datetime.timedelta(days=records.days(spec["closes"])),
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
                    for i, (text, _weight) in enumerate(_pairs(item.get("choices", [])))
                )
                questions.append((question, item))
            rng = random.Random(f"quartier-demo-survey-{number}")  # noqa: S311 - demo figures
            answers = data["answers_per_survey"]
            closes = min(survey.closes_at or now, now)
            step = (closes - opens) / answers
            for n in range(answers):
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
                    created_at=opens + step * n + datetime.timedelta(minutes=7)
                )
        summary.add("survey", "created")

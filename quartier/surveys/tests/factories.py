import datetime

import factory
from django.utils import timezone

from quartier.core.tests.factories import MunicipalityFactory
from quartier.surveys.models import Choice, Question, Survey


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open, published survey (pass status="draft" or closes_at for others)."""

    class Meta:
        model = Survey

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Umfrage {n}")
    intro = "Sagen Sie uns Ihre Meinung."
    status = "published"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=14)
    )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    text = factory.Sequence(lambda n: f"Frage {n}?")
    kind = "single"
    required = True
    order = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Antwort {n}")
    order = factory.Sequence(lambda n: n)


def survey_with_questions(municipality, **kwargs):
    """A survey with one question of each kind: single (required), multiple, scale
    and free text; returns (survey, {kind: question})."""
    survey = SurveyFactory(municipality=municipality, **kwargs)
    single = QuestionFactory(survey=survey, kind="single", required=True, order=1)
    for text in ("Schatten", "Trinkbrunnen", "Kühle Räume"):
        ChoiceFactory(question=single, text=text)
    multiple = QuestionFactory(survey=survey, kind="multiple", required=False, order=2)
    for text in ("Nachbarn", "Familie", "Verein"):
        ChoiceFactory(question=multiple, text=text)
    scale = QuestionFactory(
        survey=survey,
        kind="scale",
        required=False,
        order=3,
        scale_low_label="gar nicht",
        scale_high_label="sehr",
    )
    text = QuestionFactory(survey=survey, kind="text", required=False, order=4)
    return survey, {
        "single": single,
        "multiple": multiple,
        "scale": scale,
        "text": text,
    }

import datetime
from decimal import Decimal

import factory

from quartier.core.tests.factories import MunicipalityFactory
from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Gesund aufwachsen {n}")
    narrative = "Alle Kinder im Quartier sollen gesund groß werden."
    visibility = "public"


class ImpactModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactModel

    goal = factory.SubFactory(GoalFactory)
    municipality = factory.LazyAttribute(lambda o: o.goal.municipality)
    stage_1 = "Bewegungsangebote finden wöchentlich statt."
    assumption_1 = "Wer davon weiß und es nah hat, kommt."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    impact_model = factory.SubFactory(ImpactModelFactory)
    municipality = factory.LazyAttribute(lambda o: o.impact_model.municipality)
    stage = 2
    name = factory.Sequence(lambda n: f"Erreichte Familien {n}")
    unit = "Familien"
    kind = "recorded"
    baseline_value = Decimal("20")
    baseline_date = datetime.date(2025, 1, 1)
    target_value = Decimal("80")
    target_date = datetime.date(2027, 12, 31)
    direction = "up"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    municipality = factory.LazyAttribute(lambda o: o.indicator.municipality)
    date = datetime.date(2026, 1, 1)
    value = Decimal("40")

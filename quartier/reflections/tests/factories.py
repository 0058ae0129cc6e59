import factory

from quartier.core.tests.factories import MunicipalityFactory
from quartier.forums.tests.factories import DecisionFactory
from quartier.reflections.models import Adaptation, Reflection


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Rückblick {n}")
    what = "Wenige Eltern kamen zum Treffen."


class AdaptationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adaptation

    reflection = factory.SubFactory(ReflectionFactory)
    decision = factory.SubFactory(
        DecisionFactory,
        agenda_item__meeting__forum__municipality=factory.SelfAttribute(
            "....reflection.municipality"
        ),
    )

import factory

from quartier.core.tests.factories import MunicipalityFactory
from quartier.support.models import CheckRound, OfferKind, SupportOffer


class CheckRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckRound

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2026


class SupportOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportOffer

    municipality = None
    kind = OfferKind.ADVICE
    title = factory.Sequence(lambda n: f"Beratungsangebot {n}")
    provider = "Fachstelle Gesunde Quartiere (Land)"
    description = "Erstberatung für Kommunen auf dem Weg zum gesunden Quartier."

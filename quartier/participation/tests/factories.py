import factory
from django.utils import timezone

from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory
from quartier.participation.models import Comment, Contribution, Support


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    municipality = factory.SubFactory(MunicipalityFactory)
    neighborhood = factory.SubFactory(
        NeighborhoodFactory, municipality=factory.SelfAttribute("..municipality")
    )
    kind = "idea"
    title = factory.Sequence(lambda n: f"Mehr Bänke im Lindenpark {n}")
    text = "Ältere Menschen brauchen unterwegs Pausen im Schatten."
    moderation = "approved"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    contribution = factory.SubFactory(ContributionFactory)
    email = factory.Sequence(lambda n: f"unterstuetzer{n}@test.example")
    confirmed_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    contribution = factory.SubFactory(ContributionFactory)
    municipality = factory.LazyAttribute(lambda o: o.contribution.municipality)
    author = None
    text = "Gute Idee, da bin ich dabei."
    moderation = "approved"

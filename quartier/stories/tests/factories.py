import datetime

import factory
from django.utils import timezone

from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory
from quartier.forums.tests.factories import ForumFactory
from quartier.stories.models import Domain, Round, Story


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    neighborhood = factory.SubFactory(
        NeighborhoodFactory, municipality=factory.SelfAttribute("..municipality")
    )
    title = factory.Sequence(lambda n: f"Die Laufgruppe am Donnerstag {n}")
    text = "Seit ich mitgehe, kenne ich endlich meine Nachbarinnen."
    moderation = "approved"
    consent_at = factory.LazyFunction(timezone.now)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    municipality = factory.SubFactory(MunicipalityFactory)
    forum = factory.SubFactory(
        ForumFactory, municipality=factory.SelfAttribute("..municipality")
    )
    title = factory.Sequence(lambda n: f"Runde {n}")
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=60)
    )
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Beziehungen im Quartier {n}")

import factory

from quartier.actors.models import Actor, Sector, Tie
from quartier.core.tests.factories import MunicipalityFactory


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = "organisation"
    name = factory.Sequence(lambda n: f"Verein Nummer {n} e.V.")
    description = "Ein Verein im Quartier."
    visibility = "public"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if not create:
            return
        self.sectors.set(extracted or Sector.objects.filter(code="zivilgesellschaft"))


class TieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tie

    municipality = factory.LazyAttribute(lambda o: o.source.municipality)
    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(
        ActorFactory, municipality=factory.SelfAttribute("..source.municipality")
    )
    kind = "cooperation"
    intensity = 2

import datetime

import factory
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.directory.models import (
    Contact,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)


def term(municipality, code, taxonomy=None):
    """A default term of the municipality by code (created by the signal)."""
    qs = TaxonomyTerm.objects.filter(municipality=municipality, code=code)
    if taxonomy:
        qs = qs.filter(taxonomy=taxonomy)
    return qs.get()


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Treffpunkt {n}")
    address_1 = factory.Sequence(lambda n: f"Marktstraße {n + 1}")
    postal_code = "12345"
    city = "Musterstadt"
    latitude = factory.Sequence(lambda n: f"50.{1000 + n}")
    longitude = factory.Sequence(lambda n: f"8.{2000 + n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    provider = factory.SubFactory(
        ActorFactory, municipality=factory.SelfAttribute("..municipality")
    )
    name = factory.Sequence(lambda n: f"Angebot {n}")
    description = "Ein Angebot im Quartier."
    status = "active"
    free_of_charge = True
    last_confirmed_at = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        if create and extracted:
            self.terms.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            for code in extracted:
                ServiceLanguage.objects.create(service=self, code=code)

    @factory.post_generation
    def neighborhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighborhoods.set(extracted)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            for location in extracted:
                ServiceAtLocation.objects.create(service=self, location=location)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    freq = "WEEKLY"
    byday = "TU"
    opens_at = datetime.time(14, 0)
    closes_at = datetime.time(16, 0)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    service = factory.SubFactory(ServiceFactory)
    name = "Frau Beispiel"
    email = "kontakt@test.example"
    phone = "0123 456789"

import datetime

import factory
from django.utils import timezone

from quartier.advisers.models import (
    AdvisoryOrganisation,
    Consultation,
    PracticeExample,
    SharingGrant,
)
from quartier.core.tests.factories import MunicipalityFactory


class AdvisoryOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisoryOrganisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fachstelle {n}")
    contact_email = "fachstelle@test.example"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


class SharingGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharingGrant

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(AdvisoryOrganisationFactory)
    module_key = "initiatives"
    purpose = "Begleitung"
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=10)
    )
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=100)
    )
    legal_basis = "Kooperationsvereinbarung"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(AdvisoryOrganisationFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    topic = "Auftaktgespräch"
    next_steps = "Fragen beantworten."


class PracticeExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeExample

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = "initiative"
    title = factory.Sequence(lambda n: f"Praxisbeispiel {n}")
    summary = "Was andere daraus lernen können."
    contact_consent = True

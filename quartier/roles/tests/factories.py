import factory

from quartier.core.tests.factories import MunicipalityFactory
from quartier.roles.models import (
    Competence,
    QualificationOffer,
    RoleHolder,
    RoleProfile,
)


class RoleProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleProfile

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Vernetzer:in {n}")
    tasks = "Akteure zusammenbringen\nKontakte pflegen"


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    profile = factory.SubFactory(RoleProfileFactory)
    name = factory.Sequence(lambda n: f"Kompetenz {n}")


class RoleHolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleHolder

    profile = factory.SubFactory(RoleProfileFactory)
    municipality = factory.SelfAttribute("profile.municipality")


class QualificationOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationOffer

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Grundkurs Moderation {n}")
    provider = "Bildungswerk Quartier (fiktiv)"
    format = "in_person"
    competences = "Moderation"

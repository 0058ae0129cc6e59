import factory

from quartier.accounts.tests.factories import UserFactory
from quartier.compass import tallies
from quartier.compass.models import Assessment, Position, Round, Tally, TensionField
from quartier.core.tests.factories import MunicipalityFactory


class TensionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TensionField

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Eigenes Feld {n}")
    left_pole = "Links"
    right_pole = "Rechts"
    order = factory.Sequence(lambda n: 100 + n)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Runde {n}")
    status = "open"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    round = factory.SubFactory(RoundFactory)
    municipality = factory.LazyAttribute(lambda o: o.round.municipality)
    user = factory.SubFactory(UserFactory)
    perspective = "residents"


def assess(round, perspective, values, user=None):
    """An assessment with positions: values = {field: (current, target[, comment])}."""
    assessment = AssessmentFactory(
        round=round, perspective=perspective, **({"user": user} if user else {})
    )
    Position.objects.bulk_create(
        Position(
            assessment=assessment,
            field=field,
            current=v[0],
            target=v[1],
            comment=v[2] if len(v) > 2 else "",
        )
        for field, v in values.items()
    )
    # Written past the service: count the round's kept tallies again if it has any.
    if Tally.objects.filter(round=round).exists():
        tallies.rebuild(round)
    return assessment

import datetime

import factory
from django.utils import timezone

from quartier.core.tests.factories import MunicipalityFactory
from quartier.initiatives.models import Initiative, InitiativeLink, Pilot


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A public initiative in phase Idee, led by a new organisation."""

    class Meta:
        model = Initiative

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Vorhaben {n}")
    summary = "Ein Spaziergangstreff für ältere Menschen im Quartier."
    lead_actor = factory.SubFactory(
        "quartier.actors.tests.factories.ActorFactory",
        municipality=factory.SelfAttribute("..municipality"),
    )
    visibility = "public"


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    initiative = factory.SubFactory(InitiativeFactory, phase="pilot")
    hypothesis_if = "der Treff an der Schule startet"
    hypothesis_then = "kommen mehr Eltern"
    measured_by = "Zahl der Eltern je Treffen"
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=60)
    )
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )


def link(initiative, key, target):
    """Store a link as the service would (without its checks)."""
    return InitiativeLink.objects.get_or_create(
        initiative=initiative, kind=key, object_id=str(target.pk)
    )[0]

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.learning.models import TimeEntry


class TimeEntryFactory(factory.django.DjangoModelFactory):
    """Time of a person (pass person=None, actor=… for an actor's time)."""

    class Meta:
        model = TimeEntry

    municipality = factory.SubFactory(MunicipalityFactory)
    person = factory.SubFactory(UserFactory)
    actor = None
    date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=3)
    )
    hours = Decimal("2")
    category = "networking"
    note = "Netzwerktreffen vorbereitet"
    created_by = factory.LazyAttribute(lambda o: o.person)

import datetime

import factory
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.rooms.models import Booking, OpeningHours, Room


def next_weekday(weekday: int, hour: int = 10, weeks: int = 1) -> datetime.datetime:
    """An aware local time on `weekday` (0 = Monday) at `hour`, at least a week
    ahead, so tests never depend on the day they run."""
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 + 7 * weeks
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Gruppenraum {n}")
    slug = factory.Sequence(lambda n: f"raum-{n}")
    address = "Am Sonnenberg 12, 70999 Musterstadt"
    capacity = 20
    accessibility = ["step_free", "accessible_wc"]
    bookable_by = "residents"
    approval = "instant"
    is_public = True


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    room = factory.SubFactory(RoomFactory)
    weekday = 0
    opens = datetime.time(8)
    closes = datetime.time(22)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    municipality = factory.LazyAttribute(lambda o: o.room.municipality)
    requested_by = factory.SubFactory(UserFactory)
    purpose = factory.Sequence(lambda n: f"Treffen {n}")
    purpose_public = True
    expected_people = 10
    starts_at = factory.LazyFunction(lambda: next_weekday(1, 18))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    status = "confirmed"

import datetime

import factory
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.forums.models import (
    AgendaItem,
    Decision,
    Forum,
    ForumMember,
    Meeting,
    Registration,
    Responsibility,
)


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = "neighborhood_forum"
    name = factory.Sequence(lambda n: f"Quartiersforum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    purpose = "Gemeinsam das Quartier gesünder machen."
    mandate = "advisory"
    visibility = "public"

    @factory.post_generation
    def neighborhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighborhoods.set(extracted)


class ForumMemberFactory(factory.django.DjangoModelFactory):
    """A person in a forum (pass user=None, actor=... for an actor)."""

    class Meta:
        model = ForumMember

    forum = factory.SubFactory(ForumFactory)
    user = factory.SubFactory(UserFactory)
    actor = None
    role = "member"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    municipality = factory.LazyAttribute(lambda o: o.forum.municipality)
    title = factory.Sequence(lambda n: f"Sitzung {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(
            second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    address = "Bürgerhaus, Marktplatz 1"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    municipality = factory.LazyAttribute(lambda o: o.meeting.municipality)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    status = "accepted"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    forum = factory.LazyAttribute(lambda o: o.agenda_item.meeting.forum)
    municipality = factory.LazyAttribute(lambda o: o.agenda_item.municipality)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Beschluss Nummer {n}")
    decided_on = factory.LazyFunction(timezone.localdate)
    status = "open"


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    """A responsibility of a person (pass actor=..., user=None for an actor)."""

    class Meta:
        model = Responsibility

    decision = factory.SubFactory(DecisionFactory)
    role = "R"
    user = factory.SubFactory(UserFactory)
    actor = None


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    municipality = factory.LazyAttribute(lambda o: o.meeting.municipality)
    user = factory.SubFactory(UserFactory)
    status = "confirmed"

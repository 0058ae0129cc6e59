"""A small world with something in every module a report covers, made `times`
times over (the query-count test builds it once and three times)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

# Names of people that must never appear in a report (persons' data).
PERSON_NAMES = ["Erika Mustermann", "Hans Beispielmann", "Frau Geheimrat"]


def populate(municipality, neighborhood, times: int = 1) -> None:
    from quartier.actors.tests.factories import ActorFactory, TieFactory
    from quartier.compass.models import Position
    from quartier.compass.tests.factories import (
        AssessmentFactory,
        RoundFactory,
        TensionFieldFactory,
    )
    from quartier.directory.tests.factories import ServiceFactory, term
    from quartier.forums.tests.factories import (
        DecisionFactory,
        ForumFactory,
        MeetingFactory,
    )
    from quartier.funds.models import GrantReport, Payout
    from quartier.funds.tests.factories import ApplicationFactory, CallFactory
    from quartier.impact.tests.factories import IndicatorFactory, MeasurementFactory
    from quartier.initiatives.tests.factories import InitiativeFactory
    from quartier.network import services as network
    from quartier.participation.tests.factories import ContributionFactory
    from quartier.reflections.models import Adaptation
    from quartier.reflections.tests.factories import ReflectionFactory
    from quartier.rooms.tests.factories import BookingFactory, RoomFactory
    from quartier.stories.models import Domain, Selection
    from quartier.stories.tests.factories import RoundFactory as StoryRoundFactory
    from quartier.stories.tests.factories import StoryFactory

    now = timezone.now()
    today = timezone.localdate()
    topic = (
        term(municipality, "bewegung") if _has_term(municipality, "bewegung") else None
    )
    field = TensionFieldFactory(municipality=municipality)
    for _i in range(times):
        forum = ForumFactory(municipality=municipality, neighborhoods=[neighborhood])
        meeting = MeetingFactory(
            forum=forum,
            status="held",
            starts_at=now - datetime.timedelta(days=3),
            ends_at=now - datetime.timedelta(days=3, hours=-2),
        )
        DecisionFactory(agenda_item__meeting=meeting, status="done", decided_on=today)
        DecisionFactory(
            agenda_item__meeting=meeting,
            status="open",
            decided_on=today,
            due_date=today - datetime.timedelta(days=5),
        )
        ContributionFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            author_name=PERSON_NAMES[0],
            answered_at=now,
        )
        ContributionFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            author_name=PERSON_NAMES[1],
        )
        room = RoomFactory(municipality=municipality, neighborhood=neighborhood)
        BookingFactory(
            room=room,
            starts_at=now - datetime.timedelta(days=2),
            ends_at=now - datetime.timedelta(days=2, hours=-2),
        )
        call = CallFactory(municipality=municipality, fund__municipality=municipality)
        project = ApplicationFactory(
            call=call,
            status="reported",
            neighborhood=neighborhood,
            contact_name=PERSON_NAMES[2],
            approved_amount=Decimal("800.00"),
            paid_total=Decimal("800.00"),
            decided_at=now,
        )
        Payout.objects.create(
            application=project, paid_on=today, amount=Decimal("800.00")
        )
        GrantReport.objects.create(
            application=project,
            what_happened="Ein Fest mit 60 Gästen.",
            participants=60,
            receipts_total=Decimal("790.00"),
        )
        ServiceFactory(
            municipality=municipality,
            neighborhoods=[neighborhood],
            terms=[topic] if topic else [],
        )
        compass_round = RoundFactory(
            municipality=municipality, neighborhood=neighborhood
        )
        for value in (20, 40, 60):
            Position.objects.create(
                assessment=AssessmentFactory(round=compass_round),
                field=field,
                current=value,
                target=80,
            )
        InitiativeFactory(municipality=municipality)
        indicator = IndicatorFactory(
            municipality=municipality, impact_model__goal__municipality=municipality
        )
        MeasurementFactory(indicator=indicator, date=today, value=Decimal("50"))
        story = StoryFactory(municipality=municipality, neighborhood=neighborhood)
        domain = Domain.objects.create(
            round=StoryRoundFactory(municipality=municipality, closed_at=now),
            name="Beziehungen",
        )
        Selection.objects.create(domain=domain, story=story, picks=3)
        Adaptation.objects.create(
            reflection=ReflectionFactory(municipality=municipality),
            decision=DecisionFactory(agenda_item__meeting=meeting, decided_on=today),
        )
        TieFactory(
            source=ActorFactory(municipality=municipality),
            target=ActorFactory(municipality=municipality),
        )
    network.snapshot_take(by=None, municipality=municipality, sources=["ties"])


def _has_term(municipality, code) -> bool:
    from quartier.directory.models import TaxonomyTerm

    return TaxonomyTerm.objects.filter(municipality=municipality, code=code).exists()

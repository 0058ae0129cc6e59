import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.core.tests.factories import MunicipalityFactory
from quartier.funds.models import (
    Application,
    Call,
    CostLine,
    Fund,
    JuryMember,
    Vote,
)


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Quartiersfonds {n}")
    slug = factory.Sequence(lambda n: f"fonds-{n}")
    year = 2026
    budget = Decimal("15000.00")
    max_per_project = Decimal("1500.00")
    solo_limit = Decimal("300.00")
    quorum = 3
    majority_rule = "simple"
    status = "open"
    contact_email = "fonds@test.example"
    rules = "<p>Für Projekte im Quartier.</p>"


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    fund = factory.SubFactory(FundFactory)
    municipality = factory.LazyAttribute(lambda o: o.fund.municipality)
    title = factory.Sequence(lambda n: f"Aufruf {n}")
    text = "<p>Bewerben Sie sich!</p>"
    opens_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=10)
    )
    closes_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    max_amount = Decimal("1500.00")


class JuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    fund = factory.SubFactory(FundFactory)
    user = factory.SubFactory(UserFactory)
    role = "resident"
    voting = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete application (status given by the caller; default submitted)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    municipality = factory.LazyAttribute(lambda o: o.call.municipality)
    applicant = factory.SubFactory(UserFactory)
    group_name = "Nachbarschaftstreff Hügelweg"
    title = factory.Sequence(lambda n: f"Projekt {n}")
    what = "Ein Sommerfest für alle Nachbarn."
    for_whom = "Familien und Ältere im Quartier."
    place = "Bürgerhaus"
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=20)
    )
    health_benefit = "Menschen begegnen sich."
    own_contribution = Decimal("100.00")
    requested_amount = Decimal("900.00")
    # A submitted application has made its declarations (the form never ticks them).
    not_started = True
    not_funded_elsewhere = True
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        for i, (item, amount) in enumerate(extracted or [("Essen", "1000.00")]):
            CostLine.objects.create(
                application=self, position=i, item=item, amount=Decimal(amount)
            )


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    application = factory.SubFactory(ApplicationFactory)
    member = factory.SubFactory(JuryMemberFactory)
    choice = "yes"

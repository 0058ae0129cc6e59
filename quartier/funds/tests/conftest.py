import pytest

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.funds.tests.factories import (
    ApplicationFactory,
    CallFactory,
    FundFactory,
    JuryMemberFactory,
)


@pytest.fixture
def fund(municipality):
    return FundFactory(municipality=municipality, slug="sonnenberg-2026")


@pytest.fixture
def call(fund):
    return CallFactory(fund=fund)


@pytest.fixture
def jury(fund, municipality):
    """Five voting residents (quorum 3, simple majority)."""
    members = []
    for i in range(5):
        user = UserFactory(email=f"jury{i}@test.example")
        MembershipFactory(user=user, municipality=municipality, role="resident")
        members.append(JuryMemberFactory(fund=fund, user=user))
    return members


@pytest.fixture
def application(call, resident):
    return ApplicationFactory(
        call=call, applicant=resident, status="complete", voting_open=True
    )

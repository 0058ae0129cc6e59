"""Truth-table rows of the join flow (docs/accounts.md, docs/permissions.md).

World: a person who asked to join Musterstadt and waits for a decision."""

from quartier.accounts.models import MembershipRequest
from quartier.accounts.tests.factories import UserFactory
from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    newcomer = UserFactory(email="neuzugang@test.example")
    world["membership_request"] = MembershipRequest.objects.create(
        municipality=world["municipality"], user=newcomer
    )


def _request(w):
    return {**m(w), "pk": w["membership_request"].pk}


CASES = [
    Case("members:join", S(200, 200, 200, 200, 200, 200), kwargs=m),
    # Guests are sent to sign in; members back home; others join or ask.
    Case("members:join", S(302, 302, 302, 302, 302, 302), "post", m, label="post"),
    Case("members:requests", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "members:request_decide",
        S(404, 404, 404, 302, 302, 404),
        "post",
        _request,
        data={"decision": "decline"},
    ),
]

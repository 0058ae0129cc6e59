"""Truth-table rows of partner self-service: an actor's own people, invitations and
ties both sides confirm (the older actor rows are in core/tests/test_truth_table.py).

In the world, the partner is the admin of "Nachbarschaftshilfe Sonnenberg" (their
own actor) and not a member of world["actor"]; "Jugendtreff Ost" has proposed a tie
to their actor, waiting for their confirmation.
"""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.accounts.tests.factories import UserFactory
    from quartier.actors.invitations import make_token
    from quartier.actors.models import ActorInvitation, ActorMember, Tie
    from quartier.actors.tests.factories import ActorFactory

    municipality = world["municipality"]
    own = ActorFactory(municipality=municipality, name="Nachbarschaftshilfe Sonnenberg")
    ActorMember.objects.create(actor=own, user=world["partner"], role="admin")
    colleague = ActorMember.objects.create(
        actor=own, user=UserFactory(email="kollegin@test.example"), role="member"
    )
    asking = ActorFactory(municipality=municipality, name="Jugendtreff Ost")
    proposal = Tie.objects.create(
        municipality=municipality,
        source=asking,
        target=own,
        kind="cooperation",
        status="proposed",
    )
    invitation = ActorInvitation.objects.create(
        actor=own, email="neue.kollegin@test.example", invited_by=world["partner"]
    )
    world.update(
        own_actor=own,
        own_colleague=colleague,
        own_proposal=proposal,
        own_invitation=invitation,
        own_invitation_token=make_token(invitation),
    )


def own(w):
    return {**m(w), "pk": w["own_actor"].pk}


def public(w):
    return {**m(w), "pk": w["actor"].pk}


CASES = [
    # The partner edits the profile of the actor they act for, not another one.
    Case("actors:edit", S(302, 403, 200, 200, 200, 403), kwargs=own, label="own"),
    Case(
        "actors:tie_new", S(302, 403, 200, 200, 200, 403), kwargs=own, label="propose"
    ),
    Case("actors:members", S(302, 403, 403, 200, 200, 403), kwargs=public),
    Case("actors:members", S(302, 403, 200, 200, 200, 403), kwargs=own, label="own"),
    Case(
        "actors:members",
        S(403, 403, 302, 302, 302, 403),
        "post",
        kwargs=own,
        data={"email": "kollege@test.example", "role": "member"},
        label="invite",
    ),
    Case(
        "actors:members",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=public,
        data={"email": "kollege@test.example", "role": "member"},
        label="invite to another actor",
    ),
    Case(
        "actors:member_change",
        S(404, 404, 302, 302, 302, 404),
        "post",
        kwargs=lambda w: {**own(w), "member_pk": w["own_colleague"].pk},
        data={"role": "admin"},
    ),
    Case(
        "actors:invitation_withdraw",
        S(404, 404, 302, 302, 302, 404),
        "post",
        kwargs=lambda w: {**own(w), "invitation_pk": w["own_invitation"].pk},
    ),
    Case(
        "actors:join",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["own_invitation_token"]},
    ),
    Case(
        "actors:join",
        S(404, 404, 404, 404, 404, 404),
        kwargs=lambda w: {**m(w), "token": w["own_invitation_token"] + "x"},
        label="tampered",
    ),
    # Only the asked side confirms; the coordination records ties instead.
    Case(
        "actors:tie_confirm",
        S(404, 404, 302, 403, 403, 404),
        "post",
        kwargs=lambda w: {**own(w), "tie_pk": w["own_proposal"].pk},
    ),
    Case(
        "actors:tie_end",
        S(404, 404, 302, 302, 302, 404),
        "post",
        kwargs=lambda w: {**own(w), "tie_pk": w["own_proposal"].pk},
        label="proposal",
    ),
    Case(
        "actors:tie_end",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=lambda w: {**public(w), "tie_pk": w["tie"].pk},
        label="active tie of others",
    ),
]

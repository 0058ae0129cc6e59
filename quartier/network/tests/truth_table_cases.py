"""Truth-table rows of the network analysis (docs/permissions.md, "Network
analysis"). The public page switched on is covered in test_views.py."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

COORDINATION_PAGE = S(302, 403, 403, 200, 200, 403)
COORDINATION_POST = S(403, 403, 403, 302, 302, 403)


def extend_world(world):
    from quartier.network import services

    world["network_snapshot"] = services.snapshot_take(
        by=None, municipality=world["municipality"], sources=["ties"]
    )
    import datetime

    from django.utils import timezone

    from quartier.network.models import Participant, SurveyRound
    from quartier.network.survey_links import make_token

    round = SurveyRound.objects.create(
        municipality=world["municipality"],
        title="Beziehungsbefragung",
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    world["network_survey"] = round
    world["network_token"] = make_token(
        Participant.objects.create(round=round, actor=world["actor"])
    )
    from quartier.actors.models import ActorMember
    from quartier.actors.tests.factories import ActorFactory

    own = ActorFactory(
        municipality=world["municipality"], name="Netzwerk-Partnerverein"
    )
    ActorMember.objects.create(actor=own, user=world["partner"], role="member")
    Participant.objects.create(round=round, actor=own)
    world["network_partner_actor"] = own


def snapshot_pk(w):
    return {**m(w), "pk": w["network_snapshot"].pk}


def survey_pk(w):
    return {**m(w), "pk": w["network_survey"].pk}


CASES = [
    Case("network:index", COORDINATION_PAGE, kwargs=m),
    Case("network:snapshots", COORDINATION_PAGE, kwargs=m),
    Case("network:compare", COORDINATION_PAGE, kwargs=m),
    Case("network:snapshot", S(404, 404, 404, 200, 200, 404), kwargs=snapshot_pk),
    Case(
        "network:take",
        COORDINATION_POST,
        "post",
        kwargs=m,
        data={"taken_on": "2026-01-05", "sources": ["ties", "forums"]},
    ),
    Case("network:public_page", COORDINATION_POST, "post", kwargs=m, data={}),
    Case("network:surveys", COORDINATION_PAGE, kwargs=m),
    Case("network:survey_new", COORDINATION_PAGE, kwargs=m),
    Case(
        "network:survey_new",
        S(403, 403, 403, 400, 400, 403),
        "post",
        kwargs=m,
        data={"title": "", "closes_on": "2000-01-01"},
        label="invalid",
    ),
    Case("network:survey", S(404, 404, 404, 200, 200, 404), kwargs=survey_pk),
    # The signed link is the permission: anyone holding it answers, no account.
    Case(
        "network:survey_answer",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["network_token"]},
    ),
    # Signed in: only someone acting for the participating organisation.
    Case(
        "network:survey_answer_signed_in",
        S(302, 404, 200, 404, 404, 404),
        kwargs=lambda w: {
            **m(w),
            "pk": w["network_survey"].pk,
            "actor_pk": w["network_partner_actor"].pk,
        },
    ),
    Case(
        "network:survey_answer",
        S(404, 404, 404, 404, 404, 404),
        kwargs=lambda w: {**m(w), "token": "forged"},
        label="forged",
    ),
]

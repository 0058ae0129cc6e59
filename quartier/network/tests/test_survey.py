"""The relationship survey: opening a round sends signed links; a contact answers
without an account; the coordination sees scores, per tie only from three answers."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.network import services, survey_links
from quartier.network.models import Answer, Participant, SurveyRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(municipality):
    return [
        ActorFactory(municipality=municipality, name=name, email=f"{i}@verein.example")
        for i, name in enumerate(["Kiosk", "Moschee", "Frauentreff", "Apotheke"])
    ]


@pytest.fixture
def round(municipality, coordinator, actors):
    return services.survey_open(
        by=coordinator,
        municipality=municipality,
        title="Befragung",
        closes_on=timezone.localdate() + datetime.timedelta(days=20),
        actors=actors,
    )


def answer_url(municipality, participant):
    return reverse(
        "network:survey_answer",
        kwargs={
            "municipality_slug": municipality.slug,
            "token": survey_links.make_token(participant),
        },
    )


def post_rows(client, url, rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for i, (partner, scores) in enumerate(rows):
        data[f"form-{i}-partner"] = partner.pk
        for name, value in zip(
            [
                "trust_reliable",
                "trust_mission",
                "trust_open",
                "value_power",
                "value_involvement",
                "value_resources",
            ],
            scores,
            strict=True,
        ):
            data[f"form-{i}-{name}"] = str(value)
    return client.post(url, data)


def test_opening_a_round_mails_each_contact_a_signed_link(round, actors):
    assert len(mail.outbox) == 4
    participant = Participant.objects.get(round=round, actor=actors[0])
    assert participant.invited_at is not None
    body = mail.outbox[0].body
    token = body.split("/surveys/answer/")[1].split("/")[0]
    assert survey_links.participant_for(token) in round.participants.all()


def test_a_contact_answers_without_an_account(client, municipality, round, actors):
    participant = Participant.objects.get(round=round, actor=actors[0])
    url = answer_url(municipality, participant)
    assert client.get(url).status_code == 200
    response = post_rows(client, url, [(actors[1], [4, 4, 3, 3, 2, 2])])
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.answered_at is not None
    answer = Answer.objects.get(participant=participant)
    assert answer.partner == actors[1] and answer.trust == pytest.approx(11 / 3)


def test_incomplete_ratings_and_self_ratings_are_refused(
    client, municipality, round, actors
):
    participant = Participant.objects.get(round=round, actor=actors[0])
    url = answer_url(municipality, participant)
    response = post_rows(client, url, [(actors[1], [4, 4, 3, 3, 2, ""])])
    assert response.status_code == 400
    response = post_rows(client, url, [(actors[0], [4, 4, 3, 3, 2, 2])])
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_an_expired_or_closed_link_is_404(client, municipality, round, actors):
    participant = Participant.objects.get(round=round, actor=actors[0])
    url = answer_url(municipality, participant)
    SurveyRound.objects.filter(pk=round.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(url).status_code == 404


def test_scores_per_tie_only_from_three_answering_actors(
    client, municipality, coordinator, round, actors
):
    client.force_login(coordinator)
    detail = reverse(
        "network:survey",
        kwargs={"municipality_slug": municipality.slug, "pk": round.pk},
    )
    for i, (who, partner) in enumerate([(0, 1), (1, 0), (2, 0)]):
        participant = Participant.objects.get(round=round, actor=actors[who])
        post_rows(
            client,
            answer_url(municipality, participant),
            [(actors[partner], [2, 2, 2, 3, 3, 3])],
        )
        html = client.get(detail).content.decode()
        if i < 2:
            assert 'id="survey-ties"' not in html
    assert 'id="survey-ties"' in html
    assert "Kiosk" in html and "2,00" in html


def test_a_partner_answers_signed_in_for_its_organisation(
    client, municipality, partner, round, actors
):
    from quartier.actors.models import ActorMember

    ActorMember.objects.create(actor=actors[2], user=partner, role="member")
    client.force_login(partner)
    url = reverse(
        "network:survey_answer_signed_in",
        kwargs={
            "municipality_slug": municipality.slug,
            "pk": round.pk,
            "actor_pk": actors[2].pk,
        },
    )
    response = post_rows(client, url, [(actors[0], [3, 3, 3, 2, 2, 2])])
    assert response.status_code == 200
    assert Answer.objects.get(participant__actor=actors[2]).partner == actors[0]
    # Not for another organisation.
    other = url.replace(f"/answer/{actors[2].pk}/", f"/answer/{actors[1].pk}/")
    assert client.get(other).status_code == 404

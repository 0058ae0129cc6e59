"""The open form, double opt-in, moderation, reports, spam protection and status
mails of contributions."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.participation.forms import new_started_token
from quartier.participation.models import Contribution, Report, Topic
from quartier.participation.services import contribution_respond
from quartier.participation.tests.factories import ContributionFactory


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


def _url(municipality, name="participation:new", **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def _data(neighborhood, **extra):
    data = {
        "kind": "idea",
        "title": "Schatten am Spielplatz Lindenpark",
        "text": "Im Sommer wird es auf dem Spielplatz sehr heiß. Ein Sonnensegel wäre gut.",
        "neighborhood": neighborhood.pk,
        "language": "de",
        "address": "Lindenpark",
        "started": new_started_token(),
        "website": "",
    }
    data.update(extra)
    return data


def _decision(municipality):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality))
    return DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))


def _link_in(message):
    match = re.search(r"https?://\S+/confirm/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1]


def test_every_municipality_has_the_five_layers(municipality):
    layers = Topic.objects.of(municipality).exclude(layer=None)
    assert sorted(layers.values_list("layer", flat=True)) == [1, 2, 3, 4, 5]


def test_neighbourhood_is_preselected_from_the_query(
    client, municipality, neighborhood
):
    response = client.get(_url(municipality) + f"?neighborhood={neighborhood.pk}")
    assert response.status_code == 200
    assert f'<option value="{neighborhood.pk}" selected>' in response.content.decode()


def test_anonymous_flow_with_double_opt_in_and_status_mail(
    client, municipality, neighborhood, coordinator
):
    response = client.post(
        _url(municipality),
        _data(
            neighborhood, author_name="Frau Yilmaz", author_email="Yilmaz@Test.example"
        ),
    )
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contribution.get_absolute_url()
    assert contribution.author is None
    assert contribution.author_email == "yilmaz@test.example"
    assert contribution.email_confirmed_at is None
    assert contribution.channel == "online"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["yilmaz@test.example"]

    # No status mail before the address is confirmed.
    contribution_respond(by=coordinator, contribution=contribution, status="in_review")
    assert len(mail.outbox) == 1

    path = "/" + _link_in(mail.outbox[0])
    assert client.get(path).status_code == 200
    contribution.refresh_from_db()
    assert contribution.email_confirmed_at is None  # the page alone confirms nothing
    assert client.post(path).status_code == 302
    contribution.refresh_from_db()
    assert contribution.email_confirmed_at is not None

    contribution_respond(
        by=coordinator,
        contribution=contribution,
        status="taken_up",
        answer="<p>Wir prüfen ein Sonnensegel.</p><script>x</script>",
    )
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["yilmaz@test.example"]
    assert "Sonnensegel" in mail.outbox[1].body
    contribution.refresh_from_db()
    assert contribution.status == "taken_up"
    assert contribution.answered_at is not None
    assert "<script>" not in contribution.responses.get().text


def test_a_forged_confirmation_link_is_refused(client, municipality):
    response = client.post(_url(municipality, "participation:confirm", token="abc"))
    assert response.status_code == 400


def test_post_moderation_shows_at_once(client, municipality, neighborhood):
    client.post(_url(municipality), _data(neighborhood))
    contribution = Contribution.objects.get()
    assert contribution.moderation == "approved"
    assert (
        contribution.title
        in client.get(_url(municipality, "participation:list")).content.decode()
    )


def test_pre_moderation_holds_back_until_approved(
    client, client_for, municipality, neighborhood, coordinator
):
    municipality.moderation_mode = "pre"
    municipality.save()
    response = client.post(_url(municipality), _data(neighborhood))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.moderation == "pending"
    detail = contribution.get_absolute_url()
    assert client.get(detail).status_code == 404
    listing = client.get(_url(municipality, "participation:list")).content.decode()
    assert contribution.title not in listing

    staff = client_for(coordinator)
    queue = staff.get(_url(municipality, "participation:moderation")).content.decode()
    assert contribution.title in queue
    staff.post(
        _url(municipality, "participation:moderate", pk=contribution.pk),
        {"action": "approve"},
    )
    contribution.refresh_from_db()
    assert contribution.moderation == "approved"
    client.logout()
    assert client.get(detail).status_code == 200


def test_reports_hide_until_a_coordinator_decides(
    client, client_for, municipality, neighborhood, coordinator
):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory

    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    url = _url(municipality, "participation:report", pk=contribution.pk)
    client.post(url, {"reason": "Werbung"}, REMOTE_ADDR="10.0.0.1")
    client.post(url, {"reason": "nochmal"}, REMOTE_ADDR="10.0.0.1")  # same person
    assert Report.objects.count() == 1
    for i in range(3):
        person = UserFactory(email=f"melderin{i}@test.example")
        MembershipFactory(user=person, municipality=municipality, role="resident")
        contribution.refresh_from_db()
        assert not contribution.is_hidden
        client_for(person).post(url, {}, REMOTE_ADDR=f"10.0.1.{i}")
    contribution.refresh_from_db()
    assert contribution.is_hidden
    client.logout()
    assert client.get(contribution.get_absolute_url()).status_code == 404

    staff = client_for(coordinator)
    assert (
        contribution.title
        in staff.get(_url(municipality, "participation:moderation")).content.decode()
    )
    staff.post(
        _url(municipality, "participation:moderate", pk=contribution.pk),
        {"action": "approve"},
    )
    contribution.refresh_from_db()
    assert not contribution.is_hidden
    assert not Report.objects.filter(resolved_at=None).exists()


def test_the_honeypot_swallows_bots(client, municipality, neighborhood):
    response = client.post(
        _url(municipality), _data(neighborhood, website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_too_fast_is_refused_and_the_input_kept(
    client, settings, municipality, neighborhood
):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 3600
    response = client.post(_url(municipality), _data(neighborhood))
    assert response.status_code == 200
    assert not Contribution.objects.exists()
    assert "Schatten am Spielplatz Lindenpark" in response.content.decode()


def test_a_missing_time_stamp_is_refused(client, municipality, neighborhood):
    response = client.post(_url(municipality), _data(neighborhood, started="x"))
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_rate_limit_per_address(client, settings, municipality, neighborhood):
    settings.PARTICIPATION_RATE_LIMIT_IP = 2
    for _ in range(2):
        assert client.post(_url(municipality), _data(neighborhood)).status_code == 302
    response = client.post(_url(municipality), _data(neighborhood))
    assert response.status_code == 429
    assert Contribution.objects.count() == 2


def test_rate_limit_per_email_address(client, settings, municipality, neighborhood):
    settings.PARTICIPATION_RATE_LIMIT_EMAIL = 1
    data = _data(neighborhood, author_email="viel@test.example")
    assert (
        client.post(_url(municipality), data, REMOTE_ADDR="10.0.0.1").status_code == 302
    )
    data["started"] = new_started_token()
    response = client.post(_url(municipality), data, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert Contribution.objects.count() == 1


def test_bad_input_keeps_the_form(client, municipality, neighborhood):
    response = client.post(
        _url(municipality), {**_data(neighborhood, title=""), "neighborhood": "999999"}
    )
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_signed_in_resident_is_the_author(
    client_for, municipality, neighborhood, resident
):
    client_for(resident).post(_url(municipality), _data(neighborhood))
    contribution = Contribution.objects.get()
    assert contribution.author == resident
    assert contribution.notify_address == resident.email


def test_coordinator_enters_a_paper_contribution(
    client_for, municipality, neighborhood, coordinator
):
    data = _data(neighborhood, channel="paper", author_name="Herr Weber")
    response = client_for(coordinator).post(
        _url(municipality, "participation:intake"), data
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.channel == "paper"
    assert contribution.entered_by == coordinator
    assert contribution.author is None
    assert contribution.author_name == "Herr Weber"


def test_not_feasible_needs_a_reason(
    client_for, municipality, neighborhood, coordinator, resident
):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood, author=resident
    )
    url = _url(municipality, "participation:respond", pk=contribution.pk)
    staff = client_for(coordinator)
    response = staff.post(url, {"status": "not_feasible", "reason": ""})
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.status == "received"
    assert not mail.outbox
    staff.post(url, {"status": "not_feasible", "reason": "Die Fläche gehört dem Land."})
    contribution.refresh_from_db()
    assert contribution.status == "not_feasible"
    assert mail.outbox[-1].to == [resident.email]
    assert contribution.status_changes.last().reason == "Die Fläche gehört dem Land."


def test_comments_are_moderated_like_contributions(
    client_for, municipality, neighborhood, resident, partner
):
    municipality.moderation_mode = "pre"
    municipality.save()
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    client_for(partner).post(
        _url(municipality, "participation:comment", pk=contribution.pk),
        {"text": "Wir als Sportverein helfen gern."},
    )
    comment = contribution.comments.get()
    assert comment.moderation == "pending"
    page = client_for(resident).get(contribution.get_absolute_url()).content.decode()
    assert "Wir als Sportverein" not in page


def test_link_shows_on_both_sides(client_for, municipality, neighborhood, coordinator):
    decision = _decision(municipality)
    item = AgendaItemFactory(meeting=decision.agenda_item.meeting)
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    staff = client_for(coordinator)
    response = staff.post(
        _url(municipality, "participation:link", pk=contribution.pk),
        {"agenda_item": item.pk, "decision": decision.pk},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.decision == decision
    assert contribution.title in staff.get(decision.get_absolute_url()).content.decode()
    meeting_page = staff.get(item.meeting.get_absolute_url()).content.decode()
    assert contribution.title in meeting_page
    assert (
        decision.get_absolute_url()
        in staff.get(contribution.get_absolute_url()).content.decode()
    )


def test_link_to_another_municipality_is_refused(
    client_for, municipality, other_municipality, neighborhood, coordinator
):
    foreign = _decision(other_municipality)
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    response = client_for(coordinator).post(
        _url(municipality, "participation:link", pk=contribution.pk),
        {"decision": foreign.pk},
    )
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.decision is None


def test_coordinators_add_their_own_topics(client_for, municipality, coordinator):
    client_for(coordinator).post(
        _url(municipality, "participation:topics"), {"name": "Hitze im Sommer"}
    )
    assert Topic.objects.of(municipality).filter(slug="hitze-im-sommer").exists()

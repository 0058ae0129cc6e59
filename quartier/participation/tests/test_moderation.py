"""Moderation abuse (issue 11): reports count distinct sources, hidden items come
first, a reviewed item is no longer hidden by reports (the coordination is told).
Every case runs for contributions and for comments."""

import pytest
from django.core import mail
from django.urls import reverse

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.participation.models import REPORT_WEIGHT_TO_HIDE, Comment, Report
from quartier.participation.tests.factories import CommentFactory, ContributionFactory


def _url(municipality, name, **kwargs):
    return reverse(
        f"participation:{name}",
        kwargs={"municipality_slug": municipality.slug, **kwargs},
    )


@pytest.fixture(params=["contribution", "comment"])
def target(request, municipality, neighborhood):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    if request.param == "contribution":
        return contribution
    return CommentFactory(contribution=contribution)


def _report_url(target):
    municipality = target.municipality
    if isinstance(target, Comment):
        return _url(municipality, "comment_report", pk=target.pk)
    return _url(municipality, "report", pk=target.pk)


def _moderate_url(target):
    name = "comment_moderate" if isinstance(target, Comment) else "moderate"
    return _url(target.municipality, name, pk=target.pk)


def _residents(municipality, n):
    people = []
    for i in range(n):
        user = UserFactory(email=f"melder{i}@test.example")
        MembershipFactory(user=user, municipality=municipality, role="resident")
        people.append(user)
    return people


def test_one_address_and_two_accounts_cannot_hide(
    target, client, client_for, municipality, coordinator
):
    url = _report_url(target)
    client.post(url, {"reason": "weg damit"}, REMOTE_ADDR="10.0.0.1")
    client.post(url, {"reason": "nochmal"}, REMOTE_ADDR="10.0.0.1")
    for person in _residents(municipality, 2):
        client_for(person).post(url, {}, REMOTE_ADDR="10.0.0.1")
    target.refresh_from_db()
    assert Report.objects.count() == 3
    assert not target.is_hidden
    assert not mail.outbox


def test_one_anonymous_address_and_two_accounts_from_elsewhere_cannot_hide(
    target, client, client_for, municipality
):
    url = _report_url(target)
    client.post(url, {}, REMOTE_ADDR="10.0.0.1")
    for i, person in enumerate(_residents(municipality, 2)):
        client_for(person).post(url, {}, REMOTE_ADDR=f"10.0.2.{i}")
    target.refresh_from_db()
    assert Report.objects.count() == 3
    assert not target.is_hidden


def test_distinct_sources_hide_and_the_coordination_is_told(
    target, client, client_for, municipality, coordinator
):
    url = _report_url(target)
    people = _residents(municipality, REPORT_WEIGHT_TO_HIDE // 2)
    for i, person in enumerate(people):
        target.refresh_from_db()
        assert not target.is_hidden
        client_for(person).post(url, {}, REMOTE_ADDR=f"10.0.3.{i}")
    target.refresh_from_db()
    assert target.is_hidden
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_anonymous_addresses_weigh_less_and_count_once(target, client):
    url = _report_url(target)
    for i in range(REPORT_WEIGHT_TO_HIDE - 1):
        client.post(url, {}, REMOTE_ADDR=f"10.0.4.{i}")
        client.post(url, {}, REMOTE_ADDR=f"10.0.4.{i}")  # the same address again
    target.refresh_from_db()
    assert not target.is_hidden
    client.post(url, {}, REMOTE_ADDR="10.0.4.200")
    target.refresh_from_db()
    assert target.is_hidden


def test_a_reviewed_item_is_not_hidden_again_the_coordination_is_told(
    target, client, client_for, municipality, coordinator
):
    response = client_for(coordinator).post(_moderate_url(target), {"action": "review"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.reviewed_at is not None
    client.logout()
    url = _report_url(target)
    for i in range(REPORT_WEIGHT_TO_HIDE + 1):
        client.post(url, {}, REMOTE_ADDR=f"10.0.5.{i}")
    target.refresh_from_db()
    assert not target.is_hidden
    assert len(mail.outbox) == REPORT_WEIGHT_TO_HIDE + 1
    assert mail.outbox[0].to == [coordinator.email]


def test_hidden_items_come_first_in_the_queue(
    client_for, municipality, neighborhood, coordinator
):
    municipality.moderation_mode = "pre"
    municipality.save()
    ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        moderation="pending",
        title="Wartet noch",
    )
    hidden = ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        is_hidden=True,
        title="Nach Meldungen verborgen",
    )
    CommentFactory(contribution=hidden, is_hidden=True, text="Verborgener Kommentar")
    page = (
        client_for(coordinator)
        .get(_url(municipality, "moderation"), HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert page.index("Nach Meldungen verborgen") < page.index("Wartet noch")
    assert page.index("Verborgener Kommentar") < page.index("Wartet noch")
    assert "Freigeben" in page
    assert "Bewilligen" not in page

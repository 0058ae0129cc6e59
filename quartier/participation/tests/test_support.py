"""Support ("Unterstützen"): once per account or per confirmed e-mail address."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.core.tests.race import outcomes, split
from quartier.participation.models import Support
from quartier.participation.services import confirm_email, support_add
from quartier.participation.tests.factories import ContributionFactory


def test_an_account_supports_once(municipality, neighborhood, resident):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    support_add(by=resident, contribution=contribution)
    with pytest.raises(ValidationError):
        support_add(by=resident, contribution=contribution)
    assert Support.objects.filter(confirmed_at__isnull=False).count() == 1


def test_an_email_support_counts_once_confirmed(client, municipality, neighborhood):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    url = reverse(
        "participation:support",
        kwargs={"municipality_slug": municipality.slug, "pk": contribution.pk},
    )
    assert client.post(url, {"email": "Nachbarin@test.example"}).status_code == 302
    assert client.post(url, {"email": "nachbarin@test.example"}).status_code == 302
    support = Support.objects.get()
    assert support.confirmed_at is None
    assert len(mail.outbox) == 1  # the second request sends no second mail
    token = re.search(r"/confirm/(\S+)/", mail.outbox[0].body).group(1)
    confirm_email(token=token)
    support.refresh_from_db()
    assert support.confirmed_at is not None
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "1 Person unterstützt das." in page or "1 person supports this." in page
    response = client.post(url, {"email": "nachbarin@test.example"})
    assert response.status_code == 200  # "already supports", next to the field
    assert Support.objects.count() == 1


def test_anonymous_support_without_address_shows_the_form(
    client, municipality, neighborhood
):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    url = reverse(
        "participation:support",
        kwargs={"municipality_slug": municipality.slug, "pk": contribution.pk},
    )
    assert client.post(url, {"email": "kaputt"}).status_code == 200
    assert not Support.objects.exists()


def _race(target, arguments):
    # A second and later support of one person is refused: not an error.
    return split(outcomes(target, arguments))[2]


THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_simultaneous_supports_of_one_account_count_once(municipality, neighborhood):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    person = UserFactory()
    errors = _race(
        lambda _: support_add(by=person, contribution=contribution), range(THREADS)
    )
    assert errors == []
    assert Support.objects.filter(contribution=contribution).count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_supports_of_one_address_count_once(municipality, neighborhood):
    from django.contrib.auth.models import AnonymousUser

    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    errors = _race(
        lambda _: support_add(
            by=AnonymousUser(), contribution=contribution, email="eine@test.example"
        ),
        range(THREADS),
    )
    assert errors == []
    assert Support.objects.filter(contribution=contribution).count() == 1
    assert len(mail.outbox) == 1

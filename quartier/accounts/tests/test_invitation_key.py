"""An invitation's token is unique per municipality (core/tenancy.py, Citus) and is
found only under the municipality whose slug its link carries."""

import pytest
from django.db import IntegrityError, transaction

from quartier.accounts.models import Invitation, hash_token
from quartier.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _invite(municipality, raw, email):
    return Invitation.objects.create(
        municipality=municipality,
        email=email,
        role="resident",
        token_hash=hash_token(raw),
        expires_at=Invitation.default_expiry(),
    )


def test_the_same_token_may_exist_once_in_each_municipality(
    municipality, other_municipality
):
    _invite(municipality, "same-token", "a@test.example")
    _invite(other_municipality, "same-token", "b@test.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        _invite(municipality, "same-token", "c@test.example")
    assert Invitation.objects.filter(token_hash=hash_token("same-token")).count() == 2


def test_a_link_accepts_the_invitation_of_its_own_municipality_only(
    client, municipality, other_municipality
):
    mine = _invite(municipality, "same-token", "neu@test.example")
    theirs = _invite(other_municipality, "same-token", "neu@test.example")
    client.force_login(UserFactory(email="neu@test.example"))

    response = client.post(f"/{municipality.slug}/invitations/same-token/")

    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.accepted_at is not None
    assert theirs.accepted_at is None

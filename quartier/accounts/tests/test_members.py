"""The members page of a municipality: invitations, roles, removal (admins only)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from quartier.accounts.models import Invitation, Membership, hash_token
from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.accounts.tests.helpers import english, link_in

pytestmark = pytest.mark.django_db

MEMBERS = "/musterstadt/members/"


def invitation_for(municipality, email, role="resident", **fields):
    raw, digest = Invitation.new_token()
    fields.setdefault("expires_at", Invitation.default_expiry())
    invitation = Invitation.objects.create(
        municipality=municipality, email=email, role=role, token_hash=digest, **fields
    )
    return invitation, f"/{municipality.slug}/invitations/{raw}/"


def test_an_admin_invites_by_email_with_a_single_use_link(
    client_for, admin_user, municipality
):
    response = client_for(admin_user).post(
        MEMBERS, {"email": "Neu@Test.example", "role": "coordinator"}
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get(municipality=municipality)
    assert (invitation.email, invitation.role) == ("neu@test.example", "coordinator")
    assert invitation.invited_by == admin_user
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@test.example"]
    assert "Musterstadt" in mail.outbox[0].subject
    path = link_in(mail.outbox[0].body)
    raw = path.rstrip("/").rsplit("/", 1)[-1]
    # Only the hash is stored; the raw token exists only in the e-mail.
    assert invitation.token_hash == hash_token(raw)
    assert raw not in invitation.token_hash

    invited = UserFactory(email="neu@test.example")
    client = client_for(invited)
    assert client.get(path).status_code == 200
    accepted = client.post(path)

    assert accepted.status_code == 302
    assert accepted["Location"] == "/musterstadt/"
    membership = Membership.objects.get(user=invited, municipality=municipality)
    assert membership.role == "coordinator"
    invitation.refresh_from_db()
    assert invitation.accepted_by == invited
    assert invitation.accepted_at is not None

    english(client)
    again = client.get(path)
    assert again.status_code == 404
    assert "Invitation not valid" in again.content.decode()
    assert client.post(path).status_code == 404


def test_the_invitation_form_shows_errors_next_to_the_fields(client_for, admin_user):
    client = english(client_for(admin_user))

    response = client.post(MEMBERS, {"email": "kein-mail", "role": "coordinator"})

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_email_error"' in body
    assert 'value="kein-mail"' in body
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_existing_member_is_not_invited_again(client_for, admin_user, resident):
    client = english(client_for(admin_user))

    response = client.post(MEMBERS, {"email": resident.email, "role": "partner"})

    assert response.status_code == 200
    assert "This person is already a member." in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_expired_invitation_is_refused(client_for, municipality):
    invited = UserFactory(email="neu@test.example")
    _invitation, path = invitation_for(
        municipality, invited.email, expires_at=timezone.now() - timedelta(minutes=1)
    )
    client = english(client_for(invited))

    response = client.post(path)

    assert response.status_code == 404
    assert "Invitation not valid" in response.content.decode()
    assert not Membership.objects.filter(user=invited).exists()


def test_an_invitation_for_another_address_is_refused_with_a_message(
    client_for, municipality, resident
):
    _invitation, path = invitation_for(municipality, "neu@test.example", "coordinator")
    client = english(client_for(resident))

    response = client.post(path, follow=True)

    assert response.status_code == 200
    assert (
        "This invitation is for neu@test.example. Please sign in with that address."
        in response.content.decode()
    )
    assert Membership.objects.get(user=resident).role == "resident"


def test_a_guest_is_asked_to_sign_in_or_register(client, municipality):
    _invitation, path = invitation_for(municipality, "neu@test.example")
    english(client)

    response = client.get(path)

    assert response.status_code == 200
    body = response.content.decode()
    assert f"/accounts/login/?next={path}" in body.replace("%2F", "/")
    assert client.post(path).status_code == 200
    assert not Membership.objects.filter(user__email="neu@test.example").exists()


def test_an_admin_withdraws_an_invitation(client_for, admin_user, municipality):
    invitation, path = invitation_for(municipality, "neu@test.example")
    client = client_for(admin_user)

    response = client.post(f"/musterstadt/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    invited = UserFactory(email="neu@test.example")
    assert client_for(invited).post(path).status_code == 404
    assert not Membership.objects.filter(user=invited).exists()


def test_an_admin_changes_a_members_role(client_for, admin_user, resident):
    membership = Membership.objects.get(user=resident)

    response = client_for(admin_user).post(
        f"/musterstadt/members/{membership.pk}/", {"role": "coordinator"}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_an_admin_removes_a_member(client_for, admin_user, resident):
    membership = Membership.objects.get(user=resident)

    response = client_for(admin_user).post(
        f"/musterstadt/members/{membership.pk}/", {"remove": "1"}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    resident.refresh_from_db()
    assert resident.is_active


def test_the_last_admin_can_be_neither_demoted_nor_removed(client_for, admin_user):
    membership = Membership.objects.get(user=admin_user)
    client = english(client_for(admin_user))

    demoted = client.post(
        f"/musterstadt/members/{membership.pk}/", {"role": "resident"}, follow=True
    )
    removed = client.post(
        f"/musterstadt/members/{membership.pk}/", {"remove": "1"}, follow=True
    )

    message = "A municipality needs at least one admin. Appoint another admin first."
    assert message in demoted.content.decode()
    assert message in removed.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_with_a_second_admin_the_first_may_step_down(
    client_for, admin_user, municipality
):
    MembershipFactory(municipality=municipality, role="admin")
    membership = Membership.objects.get(user=admin_user)

    client_for(admin_user).post(
        f"/musterstadt/members/{membership.pk}/", {"role": "coordinator"}
    )

    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_the_members_page_lists_members_and_open_invitations(
    client_for, admin_user, resident, municipality
):
    invitation_for(municipality, "offen@test.example")

    response = client_for(admin_user).get(MEMBERS)

    assert response.status_code == 200
    body = response.content.decode()
    assert resident.email in body
    assert "offen@test.example" in body


def test_a_coordinator_may_not_open_the_members_page(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get(MEMBERS).status_code == 403
    assert (
        client.post(MEMBERS, {"email": "x@test.example", "role": "admin"}).status_code
        == 403
    )
    assert not Invitation.objects.exists()


def test_a_guest_is_sent_to_the_login(client, municipality):
    response = client.get(MEMBERS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_municipalitys_admin_is_refused(
    client_for, other_admin, resident, other_municipality
):
    membership = Membership.objects.get(user=resident)
    client = client_for(other_admin)

    assert client.get(MEMBERS).status_code == 403
    assert (
        client.post(
            f"/musterstadt/members/{membership.pk}/", {"remove": "1"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/beispielheim/members/{membership.pk}/", {"role": "admin"}
        ).status_code
        == 404
    )
    membership.refresh_from_db()
    assert membership.role == "resident"


def test_another_municipalitys_admin_cannot_withdraw_our_invitations(
    client_for, other_admin, municipality
):
    invitation, _path = invitation_for(municipality, "neu@test.example")

    response = client_for(other_admin).post(
        f"/beispielheim/invitations/{invitation.pk}/revoke/"
    )

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_newcomer_signs_up_from_the_invitation_and_comes_back_to_accept(
    client, municipality
):
    _invitation, path = invitation_for(municipality, "neu@test.example", "partner")
    password = "Sonnenberg-Quartier-2031"

    client.post(
        f"/accounts/signup/?next={path}",
        {
            "email": "neu@test.example",
            "password1": password,
            "password2": password,
            "municipality": municipality.pk,
            "next": path,
        },
    )
    confirmed = client.post(link_in(mail.outbox[0].body))

    assert confirmed.status_code == 302
    assert confirmed["Location"] == path
    accepted = client.post(path)
    assert accepted.status_code == 302
    membership = Membership.objects.get(user__email="neu@test.example")
    assert (membership.municipality, membership.role) == (municipality, "partner")

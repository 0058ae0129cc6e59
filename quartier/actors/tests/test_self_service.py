"""Partners maintain their own organisation: its profile, its people, invitations."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.models import Membership
from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors import services
from quartier.actors.invitations import SALT, make_token
from quartier.actors.models import ActorInvitation, ActorMember, Sector
from quartier.actors.tests.factories import ActorFactory
from quartier.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(municipality, partner):
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    ActorMember.objects.create(actor=actor, user=partner, role="admin")
    return actor


def url(name, actor, **kwargs):
    return reverse(
        f"actors:{name}",
        kwargs={"municipality_slug": actor.municipality.slug, "pk": actor.pk, **kwargs},
    )


def profile_data(**changes):
    data = {
        "description": "<p>Fußball, Turnen und ein Lauftreff für alle.</p>",
        "sectors": [Sector.objects.get(code="zivilgesellschaft").pk],
        "website": "https://sv-sonnenberg.example",
        "email": "info@sv-sonnenberg.example",
        "phone": "0711 123456",
        "address": "Am Sportplatz 1",
    }
    data.update(changes)
    return data


# --- The profile ---------------------------------------------------------------


def test_a_partner_edits_the_profile_of_their_own_actor(client_for, partner, club):
    response = client_for(partner).post(url("edit", club), profile_data())

    assert response.status_code == 302
    club.refresh_from_db()
    assert club.phone == "0711 123456"
    assert club.website == "https://sv-sonnenberg.example"
    record = club.history.first()
    assert record.history_user == partner
    assert record.history_change_reason == "partner"


def test_the_partners_form_leaves_out_kind_name_and_visibility(
    client_for, partner, club
):
    html = client_for(partner).get(url("edit", club)).content.decode()

    assert 'name="phone"' in html
    assert 'name="visibility"' not in html
    assert 'name="kind"' not in html
    assert 'name="name"' not in html
    # Posting them anyway changes nothing.
    client_for(partner).post(
        url("edit", club), profile_data(visibility="internal", name="Umbenannt")
    )
    club.refresh_from_db()
    assert club.visibility == "public"
    assert club.name == "Sportverein Sonnenberg e.V."


def test_the_service_refuses_coordination_fields_to_a_partner(partner, club):
    with pytest.raises(PermissionDenied):
        services.actor_save(
            by=partner,
            municipality=club.municipality,
            actor=club,
            visibility="internal",
        )
    club.refresh_from_db()
    assert club.visibility == "public"


def test_a_partner_cannot_edit_another_actor(client_for, partner, club, municipality):
    other = ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")

    response = client_for(partner).post(url("edit", other), profile_data(phone="1"))

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.phone == ""


def test_a_resident_member_of_an_actor_may_not_edit_it(
    client_for, resident, municipality
):
    """Membership alone is not enough: acting for an actor needs the partner role."""
    actor = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=actor, user=resident, role="admin")

    assert client_for(resident).get(url("edit", actor)).status_code == 403


def test_the_coordination_corrects_and_the_history_says_who(
    client_for, partner, coordinator, club
):
    client_for(partner).post(url("edit", club), profile_data(phone="0711 1"))
    client_for(coordinator).post(
        url("edit", club),
        {
            **profile_data(phone="0711 2"),
            "kind": "organisation",
            "name": "Sportverein Sonnenberg e.V.",
            "visibility": "public",
        },
    )
    club.refresh_from_db()
    assert club.phone == "0711 2"
    users = [record.history_user for record in club.history.all()[:2]]
    assert users == [coordinator, partner]

    html = client_for(coordinator).get(url("detail", club)).content.decode()
    assert "History" in html or "Verlauf" in html
    assert coordinator.public_name in html and partner.public_name in html


def test_a_guest_sees_no_history(client, partner, club):
    client.force_login(partner)
    client.post(url("edit", club), profile_data())
    client.logout()

    html = client.get(url("detail", club)).content.decode()

    assert partner.public_name not in html


def test_an_archived_actor_is_no_longer_edited_by_its_members(
    client_for, partner, club
):
    club.archived_at = timezone.now()
    club.save()

    assert client_for(partner).get(url("edit", club)).status_code == 403


# --- People and invitations ----------------------------------------------------


def test_inviting_someone_with_an_account_adds_them_at_once_and_tells_them(
    client_for, partner, club, municipality
):
    colleague = UserFactory(email="trainerin@test.example")
    MembershipFactory(user=colleague, municipality=municipality, role="resident")

    response = client_for(partner).post(
        url("members", club), {"email": "Trainerin@test.example", "role": "member"}
    )

    assert response.status_code == 302
    assert ActorMember.objects.filter(actor=club, user=colleague).exists()
    # Acting for an actor needs the partner role: the resident was raised.
    assert Membership.objects.get(user=colleague).role == "partner"
    assert [m.to for m in mail.outbox] == [["trainerin@test.example"]]
    assert "Sportverein Sonnenberg" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="actors.grant_partner_role").exists()


def test_joining_never_lowers_a_role(partner, club, municipality, coordinator):
    services.member_invite(by=partner, actor=club, email=coordinator.email)

    assert Membership.objects.get(user=coordinator).role == "coordinator"


def test_a_person_of_another_municipality_becomes_partner_here(
    partner, club, other_admin
):
    services.member_invite(by=partner, actor=club, email=other_admin.email)

    assert Membership.objects.get(
        user=other_admin, municipality=club.municipality
    ).role == ("partner")


def _link_of(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_an_invitation_without_account_leads_through_sign_up_to_joining(
    client, client_for, partner, club, municipality
):
    client_for(partner).post(
        url("members", club), {"email": "neu@test.example", "role": "member"}
    )
    invitation = ActorInvitation.objects.get(actor=club)
    assert invitation.email == "neu@test.example"
    assert [m.to for m in mail.outbox] == [["neu@test.example"]]
    link = _link_of(mail.outbox[0])
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    page = client.get("/" + path)
    assert page.status_code == 200
    assert "accounts/signup/" in page.content.decode()

    newcomer = UserFactory(email="neu@test.example")
    client.force_login(newcomer)
    response = client.post("/" + path)

    assert response.status_code == 302
    member = ActorMember.objects.get(actor=club, user=newcomer)
    assert member.role == "member"
    assert Membership.objects.get(user=newcomer, municipality=municipality).role == (
        "partner"
    )
    assert not ActorInvitation.objects.exists()
    # The link worked once.
    assert client.get("/" + path).status_code == 404


def test_an_invitation_is_accepted_only_with_the_invited_address(
    client_for, partner, club, resident
):
    invitation = services.member_invite(
        by=partner, actor=club, email="neu@test.example"
    )
    path = url_for_token(club, make_token(invitation))

    response = client_for(resident).post(path, follow=True)

    assert "neu@test.example" in response.content.decode()
    assert not ActorMember.objects.filter(actor=club, user=resident).exists()
    assert ActorInvitation.objects.filter(pk=invitation.pk).exists()


def url_for_token(actor, token):
    return reverse(
        "actors:join",
        kwargs={"municipality_slug": actor.municipality.slug, "token": token},
    )


def test_an_invitation_link_expires_after_14_days(client, partner, club):
    fifteen_days_ago = time.time() - 15 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=fifteen_days_ago):
        invitation = services.member_invite(
            by=partner, actor=club, email="neu@test.example"
        )
        token = make_token(invitation)
    newcomer = UserFactory(email="neu@test.example")
    client.force_login(newcomer)

    response = client.post(url_for_token(club, token))

    assert response.status_code == 404
    assert "expired" in response.content.decode() or "abgelaufen" in (
        response.content.decode()
    )
    assert not ActorMember.objects.filter(user=newcomer).exists()


def test_a_tampered_or_foreign_invitation_link_is_worthless(
    client, partner, club, other_municipality
):
    invitation = services.member_invite(
        by=partner, actor=club, email="neu@test.example"
    )
    newcomer = UserFactory(email="neu@test.example")
    client.force_login(newcomer)
    token = make_token(invitation)
    forged = signing.TimestampSigner(salt="another-salt").sign_object(
        {"i": invitation.pk, "e": "neu@test.example"}
    )
    other_address = signing.TimestampSigner(salt=SALT).sign_object(
        {"i": invitation.pk, "e": "someone@test.example"}
    )
    foreign = reverse(
        "actors:join",
        kwargs={"municipality_slug": other_municipality.slug, "token": token},
    )

    for path in (
        url_for_token(club, token[:-2] + "xx"),
        url_for_token(club, forged),
        url_for_token(club, other_address),
        foreign,
    ):
        assert client.post(path).status_code == 404, path
    assert not ActorMember.objects.filter(user=newcomer).exists()


def test_a_withdrawn_invitation_link_no_longer_works(client_for, partner, club):
    invitation = services.member_invite(
        by=partner, actor=club, email="neu@test.example"
    )
    token = make_token(invitation)

    client_for(partner).post(
        url("invitation_withdraw", club, invitation_pk=invitation.pk)
    )

    assert not ActorInvitation.objects.exists()
    assert client_for(None).get(url_for_token(club, token)).status_code == 404


def test_a_plain_member_cannot_invite(client_for, partner, club, municipality):
    ActorMember.objects.filter(actor=club, user=partner).update(role="member")
    admin = UserFactory(email="vorstand@test.example")
    MembershipFactory(user=admin, municipality=municipality, role="partner")
    ActorMember.objects.create(actor=club, user=admin, role="admin")

    response = client_for(partner).post(
        url("members", club), {"email": "neu@test.example", "role": "member"}
    )

    assert response.status_code == 403
    assert not ActorInvitation.objects.exists()
    assert mail.outbox == []


def test_a_bad_address_is_shown_next_to_the_field(client_for, partner, club):
    response = client_for(partner).post(
        url("members", club), {"email": "kein-at-zeichen", "role": "member"}
    )

    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode() or (
        "email" in response.context["form"].errors
    )
    assert not ActorInvitation.objects.exists()


def test_the_last_admin_cannot_be_removed_or_demoted(client_for, partner, club):
    member = ActorMember.objects.get(actor=club, user=partner)

    with pytest.raises(ValidationError):
        services.member_remove(by=partner, member=member)
    with pytest.raises(ValidationError):
        services.member_set_role(by=partner, member=member, role="member")
    client_for(partner).post(
        url("member_change", club, member_pk=member.pk), {"remove": "1"}
    )

    member.refresh_from_db()
    assert member.role == "admin"


def test_an_admin_removes_a_colleague_and_a_member_may_leave(
    client_for, partner, club, municipality
):
    colleague = UserFactory(email="kollegin@test.example")
    MembershipFactory(user=colleague, municipality=municipality, role="partner")
    other = ActorMember.objects.create(actor=club, user=colleague)
    third = UserFactory(email="dritte@test.example")
    MembershipFactory(user=third, municipality=municipality, role="partner")
    leaving = ActorMember.objects.create(actor=club, user=third)

    client_for(partner).post(
        url("member_change", club, member_pk=other.pk), {"remove": "1"}
    )
    client_for(third).post(
        url("member_change", club, member_pk=leaving.pk), {"remove": "1"}
    )

    assert list(club.memberships.values_list("user", flat=True)) == [partner.pk]
    # Leaving the actor keeps the role in the municipality.
    assert Membership.objects.get(user=colleague).role == "partner"


def test_a_member_cannot_remove_a_colleague(client_for, partner, club, municipality):
    colleague = UserFactory(email="kollegin@test.example")
    MembershipFactory(user=colleague, municipality=municipality, role="partner")
    ActorMember.objects.create(actor=club, user=colleague)
    own = ActorMember.objects.get(actor=club, user=partner)

    response = client_for(colleague).post(
        url("member_change", club, member_pk=own.pk), {"remove": "1"}
    )

    assert response.status_code == 403
    assert ActorMember.objects.filter(pk=own.pk).exists()


def test_the_people_of_another_municipalitys_actor_are_invisible(
    client_for, other_admin, club
):
    response = client_for(other_admin).get(url("members", club))

    assert response.status_code == 403
    assert b"partner@test.example" not in response.content


def test_the_coordination_manages_people_of_any_actor(coordinator, club):
    services.member_invite(by=coordinator, actor=club, email="neu@test.example")

    assert ActorInvitation.objects.filter(actor=club).exists()


def test_plain_members_see_names_but_not_addresses(
    client_for, partner, club, municipality
):
    colleague = UserFactory(email="kollegin@test.example", display_name="Kollegin K.")
    MembershipFactory(user=colleague, municipality=municipality, role="partner")
    ActorMember.objects.create(actor=club, user=colleague)

    html = client_for(colleague).get(url("members", club)).content.decode()

    assert "Kollegin K." in html
    assert "partner@test.example" not in html


# --- The same through the API (personal token) ---------------------------------


def test_through_the_api_a_partner_changes_the_profile_but_not_the_visibility(
    client, partner, club, municipality
):
    from quartier.accounts.services import token_create

    _token, raw = token_create(user=partner, name="Vereinsseite")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    address = f"/api/v1/municipalities/musterstadt/actors/{club.pk}"

    ok = client.patch(
        address, {"phone": "0711 99"}, content_type="application/json", **headers
    )
    refused = client.patch(
        address,
        {"visibility": "internal"},
        content_type="application/json",
        **headers,
    )
    other = ActorFactory(municipality=municipality)
    foreign = client.patch(
        f"/api/v1/municipalities/musterstadt/actors/{other.pk}",
        {"phone": "1"},
        content_type="application/json",
        **headers,
    )

    assert ok.status_code == 200
    assert refused.status_code == 403
    assert foreign.status_code == 403
    club.refresh_from_db()
    assert (club.phone, club.visibility) == ("0711 99", "public")

"""Joining a municipality: at sign-up or with "Mitmachen", at once or after a
coordinator's approval (docs/accounts.md); pages offer only what the person may do,
and a refusal says what to do next."""

import pytest
from django.core import mail
from django.test import Client

from quartier.accounts.models import Membership, MembershipRequest
from quartier.accounts.tests.factories import UserFactory
from quartier.accounts.tests.helpers import english, link_in
from quartier.core.models import JoinPolicy

pytestmark = pytest.mark.django_db

PASSWORD = "Sonnenberg-Quartier-2031"


def sign_up(client, email, municipality):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "municipality": municipality.pk,
        },
    )


def set_policy(municipality, policy):
    municipality.join_policy = policy
    municipality.save(update_fields=["join_policy"])


def test_signing_up_for_an_open_municipality_makes_a_resident(client, municipality):
    set_policy(municipality, JoinPolicy.OPEN)

    assert sign_up(client, "neu@test.example", municipality).status_code == 302

    membership = Membership.objects.get(user__email="neu@test.example")
    assert (membership.municipality, membership.role) == (municipality, "resident")
    client.post(link_in(mail.outbox[0].body))  # confirming the address signs in
    page = client.get(f"/{municipality.slug}/", follow=True)
    assert page.status_code == 200


def test_signing_up_where_the_coordination_approves_makes_a_request(
    client, municipality, coordinator
):
    set_policy(municipality, JoinPolicy.APPROVAL)
    municipality.contact_email = "quartier@musterstadt.example"
    municipality.save(update_fields=["contact_email"])

    sign_up(client, "neu@test.example", municipality)

    assert not Membership.objects.filter(user__email="neu@test.example").exists()
    request = MembershipRequest.objects.get(user__email="neu@test.example")
    assert request.status == "pending"
    # The coordination hears of it at its functional address.
    to_coordination = [m for m in mail.outbox if m.to == [municipality.contact_email]]
    assert len(to_coordination) == 1
    assert "/musterstadt/members/requests/" in to_coordination[0].body
    (confirmation,) = [m for m in mail.outbox if m.to == ["neu@test.example"]]
    client.post(link_in(confirmation.body))
    page = english(client).get("/accounts/me/").content.decode()
    assert "Your request to become a member of Musterstadt is being reviewed" in page


def test_the_signup_form_asks_for_the_municipality_and_preselects_it(
    client, municipality, other_municipality
):
    page = client.get("/accounts/signup/?municipality=beispielheim")
    field = page.context["form"]["municipality"]
    assert field.field.required
    assert page.context["form"].initial["municipality"] == other_municipality
    missing = client.post(
        "/accounts/signup/",
        {"email": "neu@test.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert missing.status_code == 200
    assert "municipality" in missing.context["form"].errors


def test_mitmachen_joins_a_signed_in_person_at_once_when_open(
    client_for, other_admin, municipality
):
    set_policy(municipality, JoinPolicy.OPEN)
    client = client_for(other_admin)  # admin elsewhere, nothing here yet

    response = client.post("/musterstadt/join/")

    assert response.status_code == 302
    assert Membership.objects.get(user=other_admin, municipality=municipality).role == (
        "resident"
    )


def test_a_request_is_approved_by_a_coordinator_and_the_person_gets_a_mail(
    client_for, other_admin, coordinator, municipality
):
    set_policy(municipality, JoinPolicy.APPROVAL)
    person = client_for(other_admin)
    person.post("/musterstadt/join/")
    person.post("/musterstadt/join/")  # asking twice changes nothing
    request = MembershipRequest.objects.get(user=other_admin)
    staff = english(client_for(coordinator))
    listing = staff.get("/musterstadt/members/requests/").content.decode()
    assert other_admin.email in listing
    mail.outbox.clear()

    response = staff.post(
        f"/musterstadt/members/requests/{request.pk}/", {"decision": "approve"}
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"
    assert request.decided_by == coordinator
    assert Membership.objects.get(user=other_admin, municipality=municipality)
    assert [m.to for m in mail.outbox] == [[other_admin.email]]
    assert "http://testserver/musterstadt/" in mail.outbox[0].body
    again = staff.post(
        f"/musterstadt/members/requests/{request.pk}/", {"decision": "decline"}
    )
    assert again.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"  # decided once


def test_a_declined_request_makes_no_member_and_says_so(
    client_for, other_admin, admin_user, municipality
):
    person = client_for(other_admin)
    person.post("/musterstadt/join/")
    request = MembershipRequest.objects.get(user=other_admin)
    mail.outbox.clear()

    client_for(admin_user).post(
        f"/musterstadt/members/requests/{request.pk}/", {"decision": "decline"}
    )

    request.refresh_from_db()
    assert request.status == "declined"
    assert not Membership.objects.filter(
        user=other_admin, municipality=municipality
    ).exists()
    assert len(mail.outbox) == 1
    assert "nicht bestätigt" in mail.outbox[0].body


def test_residents_neither_see_nor_decide_requests(
    client_for, resident, other_admin, municipality
):
    client_for(other_admin).post("/musterstadt/join/")
    request = MembershipRequest.objects.get(user=other_admin)
    client = client_for(resident)
    assert client.get("/musterstadt/members/requests/").status_code == 403
    response = client.post(
        f"/musterstadt/members/requests/{request.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_an_invitation_settles_a_pending_request(client_for, other_admin, municipality):
    from quartier.accounts import services
    from quartier.accounts.tests.test_members import invitation_for

    client_for(other_admin).post("/musterstadt/join/")
    invitation, _path = invitation_for(municipality, other_admin.email, "partner")
    services.invitation_accept(user=other_admin, invitation=invitation)
    assert MembershipRequest.objects.get(user=other_admin).status == "approved"
    assert Membership.objects.get(user=other_admin, municipality=municipality).role == (
        "partner"
    )


# --- pages offer only what the person may do ----------------------------------


def test_the_municipality_home_offers_mitmachen_to_guests_and_non_members(
    client_for, resident, other_admin, municipality
):
    assert "/musterstadt/join/" in Client().get("/musterstadt/").content.decode()
    assert "/musterstadt/join/" in (
        client_for(other_admin).get("/musterstadt/").content.decode()
    )
    assert "/musterstadt/join/" not in (
        client_for(resident).get("/musterstadt/").content.decode()
    )


def test_the_fund_offers_apply_now_only_to_those_who_may_apply(
    client_for, resident, other_admin, municipality
):
    from quartier.funds.tests.factories import CallFactory

    call = CallFactory(fund__municipality=municipality)
    path = call.get_absolute_url()
    apply_path = f"/musterstadt/funds/calls/{call.pk}/apply/"
    member_page = english(client_for(resident)).get(path).content.decode()
    outsider_page = english(client_for(other_admin)).get(path).content.decode()
    guest_page = english(Client()).get(path).content.decode()

    assert "Apply now" in member_page
    assert "Apply now" not in outsider_page
    assert "You are not yet a member of Musterstadt" in outsider_page
    assert "/musterstadt/join/" in outsider_page
    assert "Apply now" not in guest_page
    assert "/accounts/signup/?municipality=musterstadt" in guest_page
    assert apply_path.rsplit("/", 2)[0] in member_page


def test_a_refusal_says_what_to_do_next(client_for, other_admin, municipality):
    from quartier.funds.tests.factories import CallFactory

    call = CallFactory(fund__municipality=municipality)
    client = english(client_for(other_admin))
    apply_url = f"/musterstadt/funds/calls/{call.pk}/apply/"

    refused = client.get(apply_url)

    assert refused.status_code == 403
    body = refused.content.decode()
    assert "Only members of Musterstadt can do this." in body
    assert "You are not yet a member of Musterstadt" in body
    assert "/musterstadt/join/" in body
    assert "You may see this page" not in body

    client.post("/musterstadt/join/")  # Musterstadt approves its residents
    body = client.get(apply_url).content.decode()
    assert "is being reviewed" in body
    assert "/musterstadt/join/" not in body.split("<main", 1)[1]


def test_a_member_without_the_role_is_told_to_ask_the_coordination(
    client_for, resident, municipality
):
    body = english(client_for(resident)).get("/musterstadt/members/").content
    assert "Your role in Musterstadt does not allow this" in body.decode()


def test_a_new_user_factory_person_has_no_membership():
    assert not UserFactory().memberships.exists()


def test_a_room_offers_booking_only_to_members_and_tells_others_how_to_join(
    client_for, resident, other_admin, municipality
):
    from quartier.rooms.tests.factories import RoomFactory

    room = RoomFactory(municipality=municipality)
    book = f"/musterstadt/rooms/{room.slug}/book/"
    member_page = english(client_for(resident)).get(room.get_absolute_url())
    outsider_page = english(client_for(other_admin)).get(room.get_absolute_url())

    assert book in member_page.content.decode()
    assert book not in outsider_page.content.decode()
    assert "You are not yet a member of Musterstadt" in outsider_page.content.decode()


def test_two_clicks_at_once_make_one_request_and_no_error(
    other_admin, municipality, monkeypatch
):
    """The second of two racing requests hits the database's one-pending rule and
    gets the first request back (the check before it saw nothing yet)."""
    from quartier.accounts import services
    from quartier.accounts.models import MembershipRequestQuerySet

    first = services.membership_join(user=other_admin, municipality=municipality)
    monkeypatch.setattr(MembershipRequestQuerySet, "first", lambda self: None)

    second = services.membership_join(user=other_admin, municipality=municipality)

    assert second == first
    assert MembershipRequest.objects.filter(user=other_admin).count() == 1

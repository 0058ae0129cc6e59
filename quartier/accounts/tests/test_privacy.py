"""“Meine Daten”: the export of everything about a person, and deleting the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import translation

from quartier.accounts import privacy, services
from quartier.accounts.models import ApiToken, Invitation, Membership
from quartier.accounts.tests.helpers import PASSWORD, english, sign_in
from quartier.actors.models import Actor, ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.core.models import AuditEntry

pytestmark = pytest.mark.django_db


# --- the list of relations is complete -----------------------------------------


def test_every_relation_to_the_user_is_exported_or_excluded_with_a_reason():
    unlisted = []
    for model, field in privacy.user_relations():
        key = privacy.relation_key(model, field)
        by_history_rule = privacy.is_history(model) and field.name == "history_user"
        if (
            key not in privacy.EXPORTED
            and key not in privacy.EXCLUDED
            and not (by_history_rule)
        ):
            unlisted.append(key)
    assert unlisted == [], (
        "Add these relations to quartier/accounts/privacy.py, EXPORTED or EXCLUDED "
        f"(with the reason): {unlisted}"
    )


def test_the_privacy_lists_name_only_relations_that_exist():
    existing = {privacy.relation_key(m, f) for m, f in privacy.user_relations()}
    assert set(privacy.EXPORTED) - existing == set()
    assert set(privacy.EXCLUDED) - existing == set()
    assert all(reason.strip() for reason in privacy.EXCLUDED.values())


def test_the_relations_include_those_of_installed_third_party_apps():
    keys = {privacy.relation_key(m, f) for m, f in privacy.user_relations()}
    assert {
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "usersessions.UserSession.user",
        "admin.LogEntry.user",
        "actors.HistoricalActor.history_user",
    } <= keys


# --- the export ------------------------------------------------------------------


def test_my_data_downloads_everything_about_me_without_secrets(
    client_for, partner, municipality
):
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    ActorMember.objects.create(actor=actor, user=partner)
    token, raw_token = services.token_create(user=partner, name="Import script")
    secret = generate_totp_secret()
    TOTP.activate(partner, secret)
    AuditEntry.record(
        kind="denied",
        action="actors.change_actor",
        user=partner,
        municipality=municipality,
    )
    # Without a municipality: the platform's log (core.PlatformAuditEntry).
    AuditEntry.record(kind="denied", action="legal.change_legalpage", user=partner)
    Actor.history.filter(id=actor.pk).update(history_user=partner)

    response = client_for(partner).get("/accounts/me/data.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    data = json.loads(text)
    assert data["account"]["email"] == partner.email
    rows = data["data"]
    assert [m["role"] for m in rows["accounts.Membership.user"]] == ["partner"]
    assert rows["accounts.Membership.user"][0]["municipality"] == "Musterstadt"
    assert rows["actors.ActorMember.user"][0]["actor"] == "Sportverein Sonnenberg e.V."
    assert rows["accounts.ApiToken.user"][0]["name"] == "Import script"
    assert "token_hash" not in rows["accounts.ApiToken.user"][0]
    assert rows["core.AuditEntry.user"][0]["action"] == "actors.change_actor"
    platform = rows["core.PlatformAuditEntry.user"]
    assert platform[0]["action"] == "legal.change_legalpage"
    assert rows["account.EmailAddress.user"][0]["email"] == partner.email
    assert rows["mfa.Authenticator.user"][0]["type"] == "totp"
    assert rows["actors.HistoricalActor.history_user"][0]["name"] == actor.name
    # No secret of any kind leaves the platform, not even to its owner.
    assert token.token_hash not in text
    assert raw_token not in text
    assert secret not in text
    assert partner.password not in text
    assert '"password"' not in text


def test_my_data_needs_a_login(client):
    response = client.get("/accounts/me/data.json")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- deleting the account ----------------------------------------------------------


def signed_in_client(user):
    client = Client()
    assert sign_in(client, user.email).status_code == 302
    return client


def test_deleting_my_account_erases_me_and_keeps_what_i_published(
    partner, municipality
):
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    ActorMember.objects.create(actor=actor, user=partner)
    Actor.history.filter(id=actor.pk).update(history_user=partner)
    _token, raw_token = services.token_create(user=partner, name="Import script")
    Invitation.objects.create(
        municipality=municipality,
        email=partner.email,
        role="coordinator",
        token_hash="x" * 64,
        expires_at=Invitation.default_expiry(),
    )
    laptop = signed_in_client(partner)
    phone = signed_in_client(partner)
    phone_session = phone.session.session_key
    assert UserSession.objects.filter(user=partner).count() == 2
    TOTP.activate(partner, generate_totp_secret())

    response = laptop.post(
        "/accounts/me/delete/", {"password": PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    partner.refresh_from_db()
    assert partner.email == f"deleted-{partner.pk}@deleted.invalid"
    assert partner.display_name == ""
    assert not partner.has_usable_password()
    assert not partner.is_active
    assert partner.deleted_at is not None
    assert not EmailAddress.objects.filter(user=partner).exists()
    assert not Authenticator.objects.filter(user=partner).exists()
    assert not Membership.objects.filter(user=partner).exists()
    assert not ActorMember.objects.filter(user=partner).exists()
    assert not ApiToken.objects.filter(user=partner).exists()
    assert services.token_authenticate(raw_token) is None
    invitation = Invitation.objects.get()
    assert invitation.email == partner.email
    assert invitation.revoked_at is not None
    # Every session ended, including the one on the other device.
    assert not UserSession.objects.filter(user=partner).exists()
    assert not Session.objects.filter(session_key=phone_session).exists()
    assert phone.get("/accounts/me/").status_code == 302
    assert laptop.get("/accounts/me/").status_code == 302
    # What the person published stays, under "former member".
    assert Actor.objects.filter(pk=actor.pk).exists()
    assert Actor.history.filter(id=actor.pk, history_user=partner).exists()
    with translation.override("en"):
        assert str(partner.public_name) == "former member"


def test_a_deleted_account_cannot_sign_in_again(client, resident):
    services.user_delete(user=resident)
    resident.refresh_from_db()

    assert sign_in(client, "bewohnerin@test.example").status_code == 200
    assert sign_in(client, resident.email).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_deletes_nothing(client_for, resident):
    client = english(client_for(resident))

    response = client.post(
        "/accounts/me/delete/", {"password": "not-my-password", "confirm": "on"}
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_password_error"' in body
    assert "The password is not correct." in body
    resident.refresh_from_db()
    assert resident.is_active
    assert resident.deleted_at is None
    assert Membership.objects.filter(user=resident).exists()


def test_deletion_needs_the_confirmation(client_for, resident):
    client = english(client_for(resident))

    response = client.post("/accounts/me/delete/", {"password": PASSWORD})

    assert response.status_code == 200
    assert "Please confirm that you want to delete your account." in (
        response.content.decode()
    )
    resident.refresh_from_db()
    assert resident.is_active


# --- rows that belong to mine, and what I wrote as a guest --------------------------


def test_every_child_of_an_exported_row_is_exported_or_excluded_with_a_reason():
    keys = {privacy.relation_key(m, f) for m, f in privacy.child_relations()}
    listed = privacy.EXPORTED_CHILDREN | set(privacy.EXCLUDED_CHILDREN)
    assert sorted(keys - listed) == [], (
        "Rows that belong to a person's rows: add these to EXPORTED_CHILDREN or "
        "EXCLUDED_CHILDREN in quartier/accounts/privacy.py"
    )
    assert listed - keys == set()
    assert all(reason.strip() for reason in privacy.EXCLUDED_CHILDREN.values())


def test_every_email_field_is_exported_or_excluded_with_a_reason():
    keys = {privacy.relation_key(m, f) for m, f in privacy.email_fields()}
    listed = set(privacy.EXPORTED_EMAILS) | set(privacy.EXCLUDED_EMAILS)
    assert sorted(keys - listed) == [], (
        "An e-mail field may hold a person's address: add it to EXPORTED_EMAILS "
        "(with what deletion erases) or EXCLUDED_EMAILS in accounts/privacy.py"
    )
    assert listed - keys == set()
    # Deletion must be able to erase the address itself in every exported field
    # that is not handled by the account deletion directly.
    for key, erase in privacy.EXPORTED_EMAILS.items():
        if erase:
            assert key.rsplit(".", 1)[1] in erase, key


@pytest.fixture
def guest_and_jury_data(resident, municipality):
    """The resident's data on every path: jury votes, an application with all its
    rows, and a contribution and a support made as a guest under her address."""
    from decimal import Decimal

    from django.utils import timezone

    from quartier.funds.models import ConflictOfInterest, GrantReport, Payout
    from quartier.funds.tests.factories import (
        ApplicationFactory,
        CallFactory,
        FundFactory,
        JuryMemberFactory,
        VoteFactory,
    )
    from quartier.participation.tests.factories import (
        ContributionFactory,
        SupportFactory,
    )

    fund = FundFactory(municipality=municipality)
    call = CallFactory(fund=fund)
    seat = JuryMemberFactory(fund=fund, user=resident)
    someone_elses = ApplicationFactory(call=call)
    VoteFactory(application=someone_elses, member=seat, comment="Schönes Projekt")
    other_application = ApplicationFactory(call=call)
    ConflictOfInterest.objects.create(
        application=other_application, member=seat, note="Mein Nachbar"
    )
    mine = ApplicationFactory(
        call=call, applicant=resident, lines=[("Grillkohle", "80.00")]
    )
    Payout.objects.create(
        application=mine, paid_on=timezone.localdate(), amount=Decimal("80.00")
    )
    GrantReport.objects.create(
        application=mine,
        what_happened="Ein Fest im Hof",
        participants=40,
        receipts_total=Decimal("80.00"),
    )
    guest = ContributionFactory(
        municipality=municipality,
        author_name="Erika als Gast",
        author_email=resident.email.upper(),
        email_confirmed_at=timezone.now(),
        title="Bank am Spielplatz",
    )
    support = SupportFactory(contribution=ContributionFactory(), email=resident.email)
    return {"guest": guest, "support": support}


def test_my_data_has_my_jury_work_my_application_and_what_i_wrote_as_a_guest(
    client_for, resident, guest_and_jury_data
):
    rows = client_for(resident).get("/accounts/me/data.json").json()["data"]

    assert [v["comment"] for v in rows["funds.Vote.member"]] == ["Schönes Projekt"]
    assert [c["note"] for c in rows["funds.ConflictOfInterest.member"]] == [
        "Mein Nachbar"
    ]
    assert [c["item"] for c in rows["funds.CostLine.application"]] == ["Grillkohle"]
    assert [p["amount"] for p in rows["funds.Payout.application"]] == ["80.00"]
    assert [r["what_happened"] for r in rows["funds.GrantReport.application"]] == [
        "Ein Fest im Hof"
    ]
    assert [c["title"] for c in rows["participation.Contribution.author_email"]] == [
        "Bank am Spielplatz"
    ]
    assert [s["id"] for s in rows["participation.Support.email"]] == [
        guest_and_jury_data["support"].pk
    ]


def test_someone_elses_guest_rows_are_not_in_my_data(client_for, resident, partner):
    from quartier.participation.tests.factories import ContributionFactory

    ContributionFactory(author_email=partner.email, title="Nicht meins")

    rows = client_for(resident).get("/accounts/me/data.json").json()["data"]

    assert rows["participation.Contribution.author_email"] == []


def test_deleting_my_account_erases_my_address_and_name_wherever_they_are(
    resident, guest_and_jury_data
):
    from django.apps import apps
    from django.db.models import EmailField

    old_email = resident.email

    services.user_delete(user=resident)

    guest = guest_and_jury_data["guest"]
    guest.refresh_from_db()
    assert (guest.author_name, guest.author_email) == ("", "")
    assert guest.email_confirmed_at is None
    # Walk every e-mail field of every model: the old address is nowhere.
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EmailField):
                found = model._default_manager.filter(
                    **{f"{field.name}__iexact": old_email}
                )
                assert not found.exists(), f"{model._meta.label}.{field.name}"
    # The support still counts, under a pseudonym.
    support = guest_and_jury_data["support"]
    support.refresh_from_db()
    assert support.email.endswith("@deleted.invalid")

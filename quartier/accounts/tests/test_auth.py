"""Registration, login, logout, password reset, throttling and two-factor login
(django-allauth, configured in settings.py and quartier/accounts/adapter.py)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail

from quartier.accounts.models import User
from quartier.accounts.tests.factories import UserFactory
from quartier.accounts.tests.helpers import (
    PASSWORD,
    english,
    link_in,
    main_text,
    sign_in,
    totp_code,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sonnenberg-Quartier-2031"


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def signup(client, email, password=NEW_PASSWORD, **headers):
    """Sign up as a person does; with the first municipality when there is one."""
    from quartier.core.models import Municipality

    data = {"email": email, "password1": password, "password2": password}
    first = Municipality.objects.first()
    if first is not None:
        data["municipality"] = first.pk
    return client.post("/accounts/signup/", data, **headers)


def test_signup_sends_a_german_verification_mail_and_the_link_confirms(client):
    response = signup(client, "Neu@Test.example")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="neu@test.example")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@test.example"]
    assert message.subject == "[Quartier] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "Quartier" in message.body

    confirm_path = link_in(message.body)
    page = client.get(confirm_path)
    assert page.status_code == 200
    confirmed = client.post(confirm_path)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_an_unverified_account_cannot_sign_in_until_the_mail_is_confirmed(client):
    signup(client, "neu@test.example")
    confirm_path = link_in(mail.outbox[0].body)
    client.post("/accounts/logout/")

    response = sign_in(client, "neu@test.example", NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert signed_in_user_id(client) is None
    client.post(confirm_path)

    response = sign_in(client, "neu@test.example", NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/start/"
    assert signed_in_user_id(client) == str(
        User.objects.get(email="neu@test.example").pk
    )


def test_sign_in_with_email_and_password_and_sign_out_by_post(client, resident):
    response = sign_in(client, "BEWOHNERIN@test.example")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(resident.pk)
    assert client.get("/accounts/me/").status_code == 200

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    assert client.get("/accounts/me/").status_code == 302


def test_a_wrong_password_re_renders_the_form_with_the_email_kept(client, resident):
    english(client)
    response = sign_in(client, resident.email, "not-the-password")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Please check your input" in body
    assert f'value="{resident.email}"' in body
    assert "kern-form-input__input" in body
    assert signed_in_user_id(client) is None


def test_signup_with_an_existing_email_looks_exactly_like_a_new_signup(
    client, resident
):
    english(client)
    new = signup(client, "neu@test.example")
    new_page = client.get(new["Location"])
    client.cookies.pop("sessionid", None)

    existing = signup(client, resident.email)
    existing_page = client.get(existing["Location"])

    assert (new.status_code, new["Location"]) == (
        existing.status_code,
        existing["Location"],
    )
    assert new_page.status_code == existing_page.status_code == 200
    assert main_text(new_page).replace("neu@test.example", "X") == main_text(
        existing_page
    ).replace(resident.email, "X")
    # The owner of the existing address learns of the attempt by mail.
    assert [m.to for m in mail.outbox] == [["neu@test.example"], [resident.email]]
    assert User.objects.filter(email=resident.email).count() == 1


def test_password_reset_answers_the_same_for_unknown_and_known_addresses(
    client, resident
):
    english(client)
    known = client.post("/accounts/password/reset/", {"email": resident.email})
    known_page = client.get(known["Location"])
    unknown = client.post("/accounts/password/reset/", {"email": "nie@test.example"})
    unknown_page = client.get(unknown["Location"])

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    assert main_text(known_page) == main_text(unknown_page)


def test_password_reset_by_email_sets_a_new_password(client, resident):
    client.post("/accounts/password/reset/", {"email": resident.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]

    key_page = client.get(link_in(mail.outbox[0].body), follow=True)
    assert key_page.status_code == 200
    form_path = key_page.redirect_chain[-1][0]
    done = client.post(
        form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)
    client.post("/accounts/logout/")
    assert sign_in(client, resident.email, PASSWORD).status_code == 200
    assert sign_in(client, resident.email, NEW_PASSWORD).status_code == 302
    assert signed_in_user_id(client) == str(resident.pk)


def test_after_five_failed_logins_even_the_right_password_is_refused(client, resident):
    english(client)
    for _attempt in range(5):
        response = sign_in(client, resident.email, "wrong-password")
        assert response.status_code == 200

    response = sign_in(client, resident.email, PASSWORD)

    assert "Too many failed login attempts. Try again later." in (
        response.content.decode()
    )
    assert signed_in_user_id(client) is None


def _ip_limit() -> int:
    """The configured number of failed logins per visitor address."""
    from django.conf import settings

    rules = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    (ip_rule,) = [rule for rule in rules if rule.endswith("/ip")]
    return int(ip_rule.split("/")[0])


def test_five_failures_for_one_account_do_not_block_another_on_the_same_wifi(
    client, resident
):
    english(client)
    for _attempt in range(5):
        sign_in(client, resident.email, "wrong-password")
    assert "Too many failed login attempts" in (
        sign_in(client, resident.email, PASSWORD).content.decode()
    )
    neighbour = UserFactory(email="nachbar@test.example")

    response = sign_in(client, neighbour.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(neighbour.pk)


def test_many_failures_across_accounts_from_one_address_are_still_limited(client):
    limit = _ip_limit()
    assert 5 < limit <= 50  # higher than per account, still a limit
    english(client)
    for attempt in range(limit):
        # Four tries per address: no single account reaches its own limit.
        response = sign_in(client, f"person{attempt // 4}@test.example", "wrong")
        assert "Too many failed login attempts" not in response.content.decode()
    fresh = UserFactory(email="frisch@test.example")

    response = sign_in(client, fresh.email, PASSWORD)

    assert "Too many failed login attempts" in response.content.decode()
    assert signed_in_user_id(client) is None


# --- two-factor authentication ---------------------------------------------------


def test_totp_can_be_activated_in_my_account(client, resident):
    sign_in(client, resident.email)
    response = client.get("/accounts/2fa/totp/activate/")
    # allauth asks for the password again before changing the second factor.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(
        "/accounts/reauthenticate/",
        {"password": PASSWORD, "next": "/accounts/2fa/totp/activate/"},
    )

    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert not Authenticator.objects.filter(user=resident).exists()

    done = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert done.status_code == 302
    assert Authenticator.objects.filter(
        user=resident, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get("/accounts/2fa/").status_code == 200


def test_login_with_totp_asks_for_the_code(client, resident):
    secret = generate_totp_secret()
    TOTP.activate(resident, secret)

    response = sign_in(client, resident.email)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert signed_in_user_id(client) is None

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/start/"
    assert signed_in_user_id(client) == str(resident.pk)


def test_a_municipality_can_require_totp_of_its_coordinators(
    client_for, municipality, coordinator
):
    municipality.require_mfa_for_staff = True
    municipality.save()

    response = client_for(coordinator).get("/musterstadt/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_the_totp_requirement_spares_residents(client_for, municipality, resident):
    municipality.require_mfa_for_staff = True
    municipality.save()

    assert client_for(resident).get("/musterstadt/").status_code == 200


def test_a_coordinator_with_totp_passes_the_requirement(
    client_for, municipality, coordinator
):
    municipality.require_mfa_for_staff = True
    municipality.save()
    TOTP.activate(coordinator, generate_totp_secret())

    assert client_for(coordinator).get("/musterstadt/").status_code == 200


def test_without_the_requirement_coordinators_need_no_totp(
    client_for, municipality, coordinator
):
    assert client_for(coordinator).get("/musterstadt/").status_code == 200

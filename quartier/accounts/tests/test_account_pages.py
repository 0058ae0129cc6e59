"""“Mein Konto”: the overview, the profile, API tokens, and allauth's pages in KERN."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from quartier.accounts import services
from quartier.accounts.models import ApiToken, hash_token
from quartier.accounts.tests.factories import MembershipFactory
from quartier.accounts.tests.helpers import PASSWORD, english, sign_in, totp_code

pytestmark = pytest.mark.django_db


def test_my_account_shows_my_memberships_and_links(
    client_for, coordinator, other_municipality
):
    MembershipFactory(user=coordinator, municipality=other_municipality)
    client = english(client_for(coordinator))

    response = client.get("/accounts/me/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Musterstadt" in body
    assert "Coordination" in body
    assert "Beispielheim" in body
    for link in (
        "/accounts/2fa/",
        "/accounts/me/tokens/",
        "/accounts/me/data.json",
        "/accounts/me/delete/",
        "/accounts/password/change/",
        "/accounts/sessions/",
    ):
        assert f'href="{link}"' in body


def test_my_account_needs_a_login(client):
    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_profile_name_can_be_saved(client_for, resident):
    response = client_for(resident).post("/accounts/me/", {"display_name": "Aylin D."})

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "Aylin D."
    assert resident.public_name == "Aylin D."


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client_for, coordinator):
    client = client_for(coordinator)

    response = client.post("/accounts/me/tokens/", {"name": "Import script"})

    assert response.status_code == 200
    raw = re.search(r'id="new-token">(qt_[^<]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=coordinator)
    assert token.name == "Import script"
    assert token.token_hash == hash_token(raw)
    assert services.token_authenticate(raw) == coordinator
    later = client.get("/accounts/me/tokens/").content.decode()
    assert raw not in later
    assert "Import script" in later
    assert token.hint in later


def test_a_token_needs_a_name(client_for, coordinator):
    client = english(client_for(coordinator))

    response = client.post("/accounts/me/tokens/", {"name": ""})

    assert response.status_code == 200
    assert 'id="id_name_error"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_stops_working(client_for, coordinator):
    token, raw = services.token_create(user=coordinator, name="Import script")

    response = client_for(coordinator).post(f"/accounts/me/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert services.token_authenticate(raw) is None


def test_nobody_can_revoke_someone_elses_token(client_for, coordinator, resident):
    token, raw = services.token_create(user=coordinator, name="Import script")

    response = client_for(resident).post(f"/accounts/me/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert services.token_authenticate(raw) == coordinator


# --- allauth's pages in the KERN look -------------------------------------------------


def test_the_login_page_uses_the_platform_layout_and_kern_fields(client):
    body = english(client).get("/accounts/login/").content.decode()

    assert 'class="q-skip-link' in body
    assert '<label class="kern-label" for="id_login">' in body
    assert 'class="kern-form-input__input" id="id_login"' in body
    assert 'class="kern-btn kern-btn--primary"' in body
    assert "placeholder=" not in body


def test_signup_errors_stand_next_to_the_field_and_keep_what_was_typed(client):
    response = english(client).post(
        "/accounts/signup/",
        {"email": "neu@test.example", "password1": "kurz", "password2": "kurz"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "data-error-summary" in body
    assert 'href="#id_password1"' in body
    assert 'id="id_password1_error"' in body
    field = re.search(r"<input[^>]*id=\"id_password1\"[^>]*>", body).group(0)
    assert 'aria-invalid="true"' in field
    assert "id_password1_error" in field
    assert 'value="neu@test.example"' in body


def test_account_pages_of_allauth_show_breadcrumbs_to_my_account(client_for, resident):
    body = english(client_for(resident)).get("/accounts/email/").content.decode()

    assert 'class="q-breadcrumbs"' in body
    assert 'href="/accounts/me/"' in body
    assert "kern-badge" in body


def test_every_account_page_of_allauth_renders_in_the_platform_layout(client, resident):
    secret = generate_totp_secret()
    TOTP.activate(resident, secret)
    english(client)
    sign_in(client, resident.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    pages = [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/sessions/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/deactivate/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/reauthenticate/",
        "/accounts/logout/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert 'class="q-skip-link' in body, path
        assert "kern-heading-large" in body, path


def test_every_entrance_page_of_allauth_renders_in_the_platform_layout(client):
    english(client)
    for path in [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert 'class="q-skip-link' in body, path
        assert "kern-heading-large" in body, path


def test_after_sign_in_a_member_of_one_municipality_lands_on_her_overview_there(
    client_for, resident, municipality
):
    response = client_for(resident).get("/accounts/start/")
    assert response.status_code == 302
    assert response["Location"] == f"/{municipality.slug}/overview/"


def test_after_sign_in_someone_without_a_membership_lands_on_my_account(client_for):
    from quartier.accounts.tests.factories import UserFactory

    response = client_for(UserFactory(email="ohne@test.example")).get(
        "/accounts/start/"
    )
    assert response["Location"] == "/accounts/me/"

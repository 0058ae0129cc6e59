"""What every signed-in request reads afresh, in every process: the session, the
user (active, password), the role in the municipality and the second factor.

Nothing security-relevant is kept between requests (docs/security.md, "Sessions
and login"); the role is read in the same query as the municipality
(core/middleware.py), which must not make a change of role, a deactivation or a
new password wait. Each change below is made as another process would make it:
in the database, not through the signed-in client."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from quartier.accounts.models import Membership, User


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _is_signed_in(response) -> bool:
    return response.wsgi_request.user.is_authenticated


def test_a_deactivated_person_is_anonymous_on_the_next_request(resident):
    client = _signed_in(resident)
    assert _is_signed_in(client.get("/musterstadt/"))

    User.objects.filter(pk=resident.pk).update(is_active=False)

    response = client.get("/musterstadt/")
    assert not _is_signed_in(response)
    assert response.context["current_role"] is None


def test_a_new_password_signs_out_every_other_session(resident):
    elsewhere = _signed_in(resident)
    assert _is_signed_in(elsewhere.get("/musterstadt/impressum/"))

    user = User.objects.get(pk=resident.pk)
    user.set_password("ein-ganz-neues-passwort-42")
    user.save()

    assert not _is_signed_in(elsewhere.get("/musterstadt/impressum/"))
    assert not _is_signed_in(elsewhere.get("/accounts/"))
    # A session signed in with the new password is fine.
    assert _is_signed_in(_signed_in(user).get("/musterstadt/impressum/"))


def test_a_changed_role_counts_from_the_next_request(coordinator, municipality):
    client = _signed_in(coordinator)
    first = client.get("/musterstadt/")
    assert first.context["current_role"] == "coordinator"
    assert first.context["is_staff_here"]

    Membership.objects.filter(user=coordinator).update(role="resident")
    second = client.get("/musterstadt/")
    assert second.context["current_role"] == "resident"
    assert not second.context["is_staff_here"]

    Membership.objects.filter(user=coordinator).delete()
    third = client.get("/musterstadt/")
    assert third.context["current_role"] is None
    assert _is_signed_in(third)


def test_a_required_second_factor_holds_from_the_next_request(
    coordinator, municipality
):
    client = _signed_in(coordinator)
    assert client.get("/musterstadt/").status_code == 200

    municipality.require_mfa_for_staff = True
    municipality.save()

    response = client.get("/musterstadt/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_the_role_is_read_with_the_municipality_not_on_its_own(resident):
    client = _signed_in(resident)
    client.get("/musterstadt/impressum/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/musterstadt/impressum/")
    assert response.context["current_role"] == "resident"
    assert not [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith('SELECT "ACCOUNTS_MEMBERSHIP"')
    ]


def test_a_role_known_for_one_municipality_still_finds_the_others(
    resident, municipality, other_municipality
):
    Membership.objects.create(
        user=resident, municipality=other_municipality, role="coordinator"
    )
    user = User.objects.get(pk=resident.pk)
    user.know_role_in(municipality.pk, "resident")
    assert user.role_in(municipality) == "resident"
    assert user.role_in(other_municipality) == "coordinator"
    assert user.role_in(municipality.pk + other_municipality.pk + 1) is None

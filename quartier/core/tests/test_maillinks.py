"""Links in e-mails point to the host the request came in on; SITE_URL only for
mails sent without a request (quartier/core/maillinks.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import RequestFactory

from quartier.core.maillinks import absolute_url, links_for

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]
# Where SITE_URL may be read, and why.
SITE_URL_READERS = {
    "settings.py": "defines it",
    "core/maillinks.py": "the one helper for links in mails",
    "participation/views/posters.py": (
        "paper: posters and QR codes print the public address, not a demo's host"
    ),
}
OTHER_HOST = "localhost:8100"


@pytest.fixture(autouse=True)
def _other_port_allowed(settings):
    settings.ALLOWED_HOSTS = [
        *settings.ALLOWED_HOSTS,
        "localhost",
        "testserver",
        "quartier.musterstadt.de",
    ]
    settings.SITE_URL = "https://quartier.example"


def test_no_module_builds_mail_links_from_site_url_itself():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in f"/{relative}" or relative in SITE_URL_READERS:
            continue
        if re.search(r"\bSITE_URL\b", path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == [], (
        "Build links for e-mails with quartier.core.maillinks.absolute_url: "
        f"{offenders}"
    )


def test_inside_a_request_links_use_its_scheme_and_host():
    request = RequestFactory().get("/", HTTP_HOST=OTHER_HOST)
    with links_for(request):
        assert absolute_url("/musterstadt/") == "http://localhost:8100/musterstadt/"
    secure = RequestFactory().get("/", HTTP_HOST="quartier.musterstadt.de", secure=True)
    with links_for(secure):
        assert absolute_url("/x/") == "https://quartier.musterstadt.de/x/"


def test_without_a_request_links_use_site_url():
    assert absolute_url("/musterstadt/") == "https://quartier.example/musterstadt/"
    assert absolute_url("https://elsewhere.example/a") == "https://elsewhere.example/a"


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def test_the_sign_up_confirmation_links_to_the_port_it_was_asked_on(
    client, municipality
):
    client.post(
        "/accounts/signup/",
        {
            "email": "neu@test.example",
            "password1": "Sonnenberg-Quartier-2031",
            "password2": "Sonnenberg-Quartier-2031",
            "municipality": municipality.pk,
        },
        HTTP_HOST=OTHER_HOST,
    )
    (confirmation,) = [m for m in mail.outbox if m.to == ["neu@test.example"]]
    links = _links(confirmation.body)
    assert links and all(link.startswith("http://localhost:8100/") for link in links)


def test_an_invitation_links_to_the_port_it_was_sent_from(
    client_for, admin_user, municipality
):
    client_for(admin_user).post(
        "/musterstadt/members/",
        {"email": "neu@test.example", "role": "resident"},
        HTTP_HOST=OTHER_HOST,
    )
    (invitation,) = mail.outbox
    links = _links(invitation.body)
    assert links and all(link.startswith("http://localhost:8100/") for link in links)


def test_a_decision_mail_after_the_request_links_to_site_url(
    other_admin, coordinator, municipality
):
    from quartier.accounts import services
    from quartier.accounts.models import MembershipRequest

    request = MembershipRequest.objects.create(
        municipality=municipality, user=other_admin
    )
    services.membership_request_decide(
        by=coordinator, membership_request=request, approve=True
    )
    assert "https://quartier.example/musterstadt/" in mail.outbox[-1].body

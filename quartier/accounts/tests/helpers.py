"""Small helpers shared by the accounts tests."""

from __future__ import annotations

import re
import time
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings

PASSWORD = "quartier-test-pw"  # the password of UserFactory


def english(client: Any) -> Any:
    """Pages in English, so assertions on our msgids hold once German is complete."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sign_in(client: Any, email: str, password: str = PASSWORD) -> Any:
    """Sign in through allauth's form (as a person does, unlike force_login)."""
    return client.post("/accounts/login/", {"login": email, "password": password})


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret`."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def link_in(body: str) -> str:
    """The path of the first http(s) link in a mail body."""
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


def main_text(response: Any) -> str:
    """The text of <main> without the per-request CSRF token, for comparing pages."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    return re.sub(r"\s+", " ", main)

"""Production safety of the settings: refused insecure start-up, a clean deploy check,
the health endpoint, and the security headers and cookies with DEBUG off.

Start-up behaviour is tested in fresh interpreters (subprocesses) with a clean
environment, because the settings are read once per process.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

SETUP_AND_PRINT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in %r}))
"""


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `python <args>` in a fresh interpreter that sees only `env` (plus PATH)."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "quartier.settings",
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        env=clean,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings_of(env: dict[str, str], names: list[str]) -> dict:
    result = _run(["-c", SETUP_AND_PRINT % (names,)], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    """DEBUG off (unset), a proper secret key and a throw-away SQLite database."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }


# --- SECRET_KEY ------------------------------------------------------------------


def test_start_up_without_secret_key_stops_with_a_clear_message_when_debug_is_off():
    result = _run(["-c", "import django; django.setup()"], {})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is missing or is the development key" in result.stderr


def test_start_up_with_the_development_key_is_refused_when_debug_is_off():
    from quartier.settings import DEVELOPMENT_SECRET_KEY

    result = _run(
        ["-c", "import django; django.setup()"],
        {"SECRET_KEY": DEVELOPMENT_SECRET_KEY, "DEBUG": "off"},
    )

    assert result.returncode != 0
    assert "SECRET_KEY is missing or is the development key" in result.stderr


def test_development_key_is_accepted_with_debug_on(tmp_path):
    values = _settings_of(
        {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}"},
        ["DEBUG", "SECRET_KEY"],
    )

    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("quartier-development-key")


# --- check --deploy --------------------------------------------------------------


def test_deploy_check_reports_no_issues_with_debug_off_and_a_proper_key(production_env):
    result = _run(
        [str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        production_env,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


# --- Security settings with DEBUG off ----------------------------------------------

SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
]


def test_debug_off_turns_on_https_redirect_hsts_and_secure_cookies(production_env):
    values = _settings_of(production_env, SECURITY_SETTINGS)

    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True


def test_debug_on_serves_plain_http_without_hsts(tmp_path):
    values = _settings_of(
        {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}"},
        SECURITY_SETTINGS,
    )

    assert values["DEBUG"] is True
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False


@pytest.mark.django_db
def test_https_response_carries_hsts_and_the_csrf_cookie_is_secure(client):
    response = client.get("/accounts/login/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    csrf_cookie = response.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["httponly"] is True


# --- Content-Security-Policy ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/musterstadt/", "/accounts/login/"])
def test_every_page_has_a_csp_without_unsafe_inline(client, municipality, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


# --- /healthz ------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "cache", "queue")} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "queue": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


HEALTHZ_IN_FRESH_PROCESS = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status_code": response.status_code, "body": response.json()}))
"""


@pytest.mark.parametrize(
    "database_url",
    [
        # A SQLite file in a directory that does not exist cannot be opened.
        "sqlite:////nonexistent-quartier-dir/quartier.sqlite3",
        # A PostgreSQL server whose socket directory does not exist.
        "postgres://quartier@/quartier?host=/nonexistent-quartier-dir&connect_timeout=2",
    ],
    ids=["sqlite", "postgresql"],
)
def test_healthz_answers_503_with_a_reason_when_the_database_is_unreachable(
    production_env, database_url
):
    env = {
        **production_env,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "off",
    }

    result = _run(["-c", HEALTHZ_IN_FRESH_PROCESS], env)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status_code"] == 503
    assert answer["body"]["status"] == "error"
    assert answer["body"]["database"] == "unreachable"
    assert answer["body"]["reason"]


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("", "-c jit=off"),
        (
            "?options=-c%20statement_timeout%3D5000",
            "-c statement_timeout=5000 -c jit=off",
        ),
        ("?options=-c%20jit%3Don", "-c jit=on"),
    ],
)
def test_postgresql_connections_switch_jit_off_unless_the_url_sets_it(
    production_env, query, options
):
    # The JIT compiler spent 240 ms compiling a directory search that ran 38 ms
    # (docs/benchmarks.md, Session 10).
    env = {**production_env, "DATABASE_URL": f"postgres://quartier@/quartier{query}"}
    values = _settings_of(env, ["DATABASES"])
    assert values["DATABASES"]["default"]["OPTIONS"]["options"] == options


def test_the_test_database_runs_without_jit_on_postgresql(db):
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    else:
        assert "options" not in connection.settings_dict["OPTIONS"]

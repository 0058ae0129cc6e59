"""The floor of a signed-in page for `make bench`: bare Django, nothing of Quartier.

What every signed-in page of any Django site pays, and nothing more: the session
read from the database, the user read, CSRF, one template that extends a layout
and lists 20 rows read with the ORM. Served by gunicorn like Quartier and the
minimal app (bench/minimal_app.py), so its ratio to the minimal view says how much
of the throughput the framework itself takes once a person is signed in — the most
any signed-in page of Quartier could reach on this stack.

    BENCH_FLOOR_DATABASE=<file> python bench/signed_in_floor_app.py prepare  # prints a cookie
    BENCH_FLOOR_DATABASE=<file> gunicorn --pythonpath bench signed_in_floor_app:application
    python bench/signed_in_floor_app.py check  # in memory: signed in, guest, rows
"""

from __future__ import annotations

import io
import os
import sys

from django.conf import settings

TEMPLATES = {
    "layout.html": (
        "<!doctype html><html lang=de><title>{% block title %}{% endblock %}</title>"
        "<header><a href=/>Start</a> {{ user.get_username }}"
        "<form method=post action=/>{% csrf_token %}<button>Abmelden</button></form>"
        "</header><main>{% block main %}{% endblock %}</main>"
    ),
    "list.html": (
        "{% extends 'layout.html' %}{% block title %}Rechte{% endblock %}"
        "{% block main %}<h1>Rechte</h1><ul>{% for row in rows %}"
        "<li><a href=/?p={{ row.pk }}>{{ row.name }}</a> ({{ row.content_type.model }})"
        "</li>{% endfor %}</ul>{% endblock %}"
    ),
}

settings.configure(
    DEBUG=False,
    SECRET_KEY="signed-in-floor-benchmark-app-not-a-secret",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
    ROOT_URLCONF=__name__,
    USE_TZ=True,
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "django.contrib.sessions",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BENCH_FLOOR_DATABASE", ":memory:"),
            "CONN_MAX_AGE": 60,
        }
    },
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                ],
                # Kept once parsed, as Django does for its own loaders with DEBUG off.
                "loaders": [
                    (
                        "django.template.loaders.cached.Loader",
                        [
                            (
                                "django.template.loaders.locmem.Loader",
                                TEMPLATES,
                            )
                        ],
                    )
                ],
            },
        }
    ],
)

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402


@login_required(login_url="/login/")
def rows(request: HttpRequest) -> HttpResponse:
    listed = Permission.objects.select_related("content_type").order_by("id")[:20]
    return render(request, "list.html", {"rows": listed})


urlpatterns = [path("", rows)]

application = get_wsgi_application()


def prepare() -> str:
    """Tables, a person and a signed-in session; returns the session cookie."""
    from django.contrib.auth import get_user_model, login
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    user, _ = get_user_model().objects.get_or_create(username="bewohnerin")
    request = HttpRequest()
    request.session = SessionStore()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    return f"sessionid={request.session.session_key}"


def _get(path_info: str, cookie: str) -> tuple[str, bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    status: list[str] = []
    body = b"".join(application(environ, lambda s, h, e=None: status.append(s)))
    return status[0], body


if __name__ == "__main__":
    if sys.argv[1:2] == ["prepare"]:
        print(prepare())
    elif sys.argv[1:2] == ["check"]:
        cookie = prepare()
        signed_in, body = _get("/", cookie)
        guest, _ = _get("/", "")
        print(signed_in, "|", guest, "|", body.count(b"<li>"), b"bewohnerin" in body)
    else:
        sys.exit(__doc__)

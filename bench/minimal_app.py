"""The reference for `make bench`: a minimal one-view Django app.

Served by gunicorn exactly like Quartier (same workers, DEBUG off), so the ratio
Quartier / minimal app says how much of the throughput Quartier's own work costs,
independent of how fast or busy the machine is.

    gunicorn --pythonpath bench minimal_app:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="minimal-benchmark-app-not-a-secret",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        "<!doctype html><title>Minimal</title><p>Hallo aus dem Quartier.</p>",
        content_type="text/html; charset=utf-8",
    )


urlpatterns = [path("", hello)]

application = get_wsgi_application()

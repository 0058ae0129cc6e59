"""The REST API at /api/v1/ (django-ninja); each app contributes a router.

OpenAPI 3 at /api/v1/openapi.json, interactive docs at /api/v1/docs (swagger-ui from
our own static files: no CDN, no inline script, so it works under our CSP).
"""

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Swagger

from quartier.actors.api import router as actors_router
from quartier.compass.api import router as compass_router
from quartier.core.api import router as core_router
from quartier.core.api_auth import (
    ErrorOut,
    guard_write,
    register_error_handlers,
)
from quartier.forums.api import router as forums_router
from quartier.funds.api import router as funds_router
from quartier.glossary.api import router as glossary_router
from quartier.impact.api import router as impact_router
from quartier.initiatives.api import router as initiatives_router
from quartier.network.api import router as network_router
from quartier.participation.api import router as participation_router
from quartier.programmes.api import router as programmes_router
from quartier.reflections.api import router as reflections_router
from quartier.reports.api import router as reports_router
from quartier.roles.api import router as roles_router
from quartier.rooms.api import router as rooms_router
from quartier.stories.api import router as stories_router
from quartier.support.api import router as support_router
from quartier.surveys.api import router as surveys_router

DESCRIPTION = """
Öffentliche und interne Daten einer Quartier-Instanz: Kommunen, Quartiere, Akteure
und die Beziehungen zwischen ihnen.

**Lesen** geht ohne Anmeldung für alles Öffentliche. Interne Akteure und Beziehungen
sehen nur Mitglieder der jeweiligen Kommune – angemeldet im Browser oder mit einem
persönlichen API-Token. Die Fachberatung liest nur, was eine Kommune ihrer Stelle
Modul für Modul freigibt, nie Daten von Personen.

**Schreiben** (Akteure, Foren, Sitzungen, Beschlüsse, Buchungen …) geht mit einem
persönlichen API-Token, mit den Rechten der Person, der es gehört. Sie legen es unter
„Mein Konto“ → „API-Tokens“ an; es wird nur einmal angezeigt. Senden Sie es im Kopf
`Authorization: Bearer qt_…`. Beiträge und Umfrage-Antworten gehen auch ohne Konto;
mit der Anmeldung im Browser nur mit gültigem CSRF-Token (`X-CSRFToken`). Der Körper
jeder Änderung ist JSON (`Content-Type: application/json`), sonst 415.

**Zwei-Faktor-Anmeldung:** Verlangt eine Kommune sie von Koordination und
Administration, antwortet die API diesen Personen ohne zweiten Faktor mit 403 – mit
Sitzung wie mit Token –, und neue Tokens gibt es erst danach.

**Seiten:** Jede Liste wird seitenweise ausgeliefert: `?page=1` (ab 1) und
`?page_size=` (Standard 50, höchstens 100). Die Antwort ist
`{"items": [...], "count": <Anzahl aller Treffer>}`.

**Fehler** werden als JSON mit `detail` beantwortet (Schema `ErrorOut`): 400 (kein
lesbares JSON), 401 (Token fehlt, ist falsch oder widerrufen), 403 (keine
Berechtigung), 404 (gibt es nicht oder ist für Sie nicht sichtbar), 415 (Körper nicht
JSON), 422 (ungültige Eingabe: `detail` ist eine Liste von `{"field": …, "message": …}`),
429 (zu viele Beiträge von hier).

**Von anderen Webseiten** lassen sich die öffentlichen Lesezugriffe abrufen
(`Access-Control-Allow-Origin: *`), nicht aber Antworten an Angemeldete.
"""


def _guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every operation's view: writes pass `guard_write` (CSRF with a session, JSON
    bodies only) first; a wrong method gets a JSON 405 (ninja's is plain text)."""

    @functools.wraps(view)  # keeps csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = guard_write(request)
        if refusal is not None:
            return refusal
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        allowed = response.get("Allow", "")
        body = JsonResponse(
            {
                "detail": _(
                    "The method %(method)s is not allowed here; allowed: %(allowed)s."
                )
                % {"method": request.method, "allowed": allowed}
            },
            status=405,
        )
        body["Allow"] = allowed
        return body

    return wrapper


# What every operation can answer besides success, with why (all as ErrorOut).
ERROR_STATUSES = {
    "401": "Token fehlt, ist falsch oder widerrufen",
    "403": "Keine Berechtigung (auch: Zwei-Faktor-Anmeldung fehlt)",
    "404": "Gibt es nicht oder ist für Sie nicht sichtbar",
    "422": "Ungültige Eingabe (Pfad, Abfrage oder Körper); `detail` nennt die Felder",
}
WRITE_ERROR_STATUSES = {
    "400": "Der Körper ist kein lesbares JSON",
    "403": "Keine Berechtigung, Zwei-Faktor-Anmeldung fehlt, oder mit Sitzung ohne "
    "gültiges CSRF-Token",
    "415": "Der Körper ist nicht als JSON gesendet (Content-Type: application/json)",
}
WRITE_METHODS = ("post", "put", "patch", "delete")
OPTIONAL_AUTH = "SessionOrTokenAuth"  # token, session or nobody
BEARER_SCHEME = "TokenAuth"


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
        },
    }


def document_errors_and_security(schema: dict[str, Any]) -> dict[str, Any]:
    """Complete ninja's document with what the operations really do.

    - Every refusal and invalid input is answered by the handlers in
      core/api_auth.py with one shape, `ErrorOut`: every 4xx an operation can
      give is listed with it (ninja only knows those declared on the decorator).
    - Operations open to guests say so with an empty security alternative (`{}`),
      besides the bearer token; the browser session is not a scheme a client uses.
    """
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schemas.update(error_schema.pop("$defs", {}))
    schemas["ErrorOut"] = error_schema
    schemes = components.setdefault("securitySchemes", {})
    schemes.pop(OPTIONAL_AUTH, None)
    schemes[BEARER_SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "description": "Persönliches API-Token (qt_…), unter „Mein Konto“ angelegt",
    }
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            security = operation.get("security")
            optional = security is None or any(OPTIONAL_AUTH in s for s in security)
            operation["security"] = (
                [{BEARER_SCHEME: []}, {}] if optional else [{BEARER_SCHEME: []}]
            )
            statuses = dict(ERROR_STATUSES)
            if method in WRITE_METHODS:
                statuses.update(WRITE_ERROR_STATUSES)
            responses = {
                str(code): response
                for code, response in operation.get("responses", {}).items()
            }
            for code, response in list(responses.items()):
                if code.startswith("4"):
                    description = statuses.get(code, response.get("description"))
                    responses[code] = _error_response(description or "Fehler")
            for code, description in statuses.items():
                responses.setdefault(code, _error_response(description))
            operation["responses"] = dict(sorted(responses.items()))
    return schema


class QuartierAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        # The view's name ("decision_detail"): what a generated client calls it.
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return document_errors_and_security(super().get_openapi_schema(**kwargs))

    @property
    def urls(self) -> Any:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _guarded(pattern.callback)
        return patterns, app_name, namespace


api = QuartierAPI(
    title="Quartier API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
)
register_error_handlers(api)
api.add_router("/", core_router)
api.add_router("/", actors_router)
api.add_router("/", forums_router)
api.add_router("/", participation_router)
api.add_router("/", surveys_router)
api.add_router("/", compass_router)
api.add_router("/", rooms_router)
api.add_router("/", funds_router)
api.add_router("/", initiatives_router)
api.add_router("/", impact_router)
api.add_router("/", stories_router)
api.add_router("/", network_router)
api.add_router("/", programmes_router)
api.add_router("/", glossary_router)
api.add_router("/", reflections_router)
api.add_router("/", roles_router)
api.add_router("/", support_router)
api.add_router("/", reports_router)

# Added last, so that it only catches what no other route matched.
fallback = Router(tags=["API"])


@fallback.get("/", include_in_schema=False, auth=None)
def index(request: HttpRequest) -> dict[str, str]:
    """Where to go from /api/v1/."""
    return {
        "openapi": reverse("api:openapi-json"),
        "docs": reverse("api:openapi-view"),
        "municipalities": reverse("api:municipality_list"),
    }


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/{path:rest}",
    include_in_schema=False,
    auth=None,
)
def not_found(request: HttpRequest, rest: str) -> None:
    """Unknown paths below /api/v1/ get a JSON 404 like everything else here."""
    raise Http404


api.add_router("/", fallback)

"""Authentication, the guard on writes and the error answers of the REST API.

Reads accept the session (a signed-in browser) or a personal API token
(`Authorization: Bearer qt_…`). Writes take a token; the few that guests may make
(a contribution, a survey answer) also take the session, but then only with a valid
CSRF token — `guard_write` refuses the rest, and any write whose body is not JSON
(415), before the operation runs. The token's user replaces `request.user`, so the
permission gate, the audit log and the history see who acted.

Core does not know how tokens are stored: the accounts app registers the lookup
(`register_token_lookup`, in its AppConfig.ready()), so core never imports accounts.

Staff of a municipality that requires two-factor authentication and have none are
refused with 403 for that municipality, by session or token (`municipality_for`,
the rule is `quartier.core.mfa`).

Every 4xx answer is JSON of the shape `ErrorOut`: `detail` is a sentence, or for
invalid input a list of `{"field": …, "message": …}` (see `register_error_handlers`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from quartier.core.gate import record_refusal
from quartier.core.mfa import mfa_missing
from quartier.core.models import Municipality

TokenLookup = Callable[[str], Any]
_token_lookups: list[TokenLookup] = []

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def register_token_lookup(lookup: TokenLookup) -> None:
    """`lookup(raw_token)` → the active user behind it, or None (once per app)."""
    if lookup not in _token_lookups:
        _token_lookups.append(lookup)


def _user_for_token(raw: str) -> Any:
    for lookup in _token_lookups:
        user = lookup(raw)
        if user is not None:
            return user
    return None


class FieldErrorOut(Schema):
    field: str | None = Field(
        description="Das Feld oder der Parameter; null: die Anfrage als Ganzes"
    )
    message: str
    type: str | None = Field(None, description="Fehlerart (bei Schemafehlern)")


class ErrorOut(Schema):
    """The body of every 4xx answer of the API."""

    detail: str | list[FieldErrorOut] = Field(
        description="Ein Satz, oder bei ungültiger Eingabe eine Liste von Feldfehlern"
    )


def _refuse_without_mfa(request: HttpRequest, municipality: Municipality) -> None:
    if mfa_missing(request.user, municipality):
        raise HttpError(
            403,
            _(
                "%(name)s requires two-factor authentication of its coordinators "
                "and admins. Set it up under “Mein Konto” → two-factor "
                "authentication, then try again."
            )
            % {"name": municipality.name},
        )


def _check_mfa_for_path(request: HttpRequest) -> None:
    """Apply the MFA rule to the municipality in the path, before anything else of
    the operation runs (ninja authenticates before it validates the input)."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if not slug or not request.user.is_authenticated:
        return
    municipality = _active_municipality(request, slug)
    if municipality is not None:
        _refuse_without_mfa(request, municipality)


def _active_municipality(request: HttpRequest, slug: str) -> Municipality | None:
    """Looked up once per request (the authentication and the operation ask)."""
    cache = request.__dict__.setdefault("_api_municipalities", {})
    if slug not in cache:
        cache[slug] = Municipality.objects.active().filter(slug=slug).first()
    return cache[slug]


class TokenAuth(HttpBearer):
    """A personal API token (created on "Mein Konto" → API tokens)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = _user_for_token(token.strip())
        if user is None:
            return None
        # The rights are the token owner's, for this request only.
        request.user = user
        _check_mfa_for_path(request)
        return user


class SessionOrTokenAuth(TokenAuth):
    """For reads (and guests' writes): a token when one is sent, else the session
    (possibly anonymous).

    A request that sends an Authorization header that is not a valid token is
    refused with 401 rather than quietly served as a guest, so a client notices a
    revoked token at once.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get(self.header):
            _check_mfa_for_path(request)
            # AnonymousUser is truthy, so ninja lets guests through.
            return request.user
        return super().__call__(request)


token_auth = TokenAuth()
read_auth = SessionOrTokenAuth()
# Writes open to guests: a token's user, else the session's (then with CSRF).
guest_write_auth = read_auth


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


def _csrf_protected_view(request: HttpRequest) -> HttpResponse:
    """Never called: a view without csrf_exempt, so the check runs as for a form."""
    return HttpResponse()


def guard_write(request: HttpRequest) -> HttpResponse | None:
    """Refuse an API write before it runs, or None to let it through.

    - With the session and no token, only with a valid CSRF token (403): otherwise
      another site (or a sibling subdomain) could write in the person's name.
    - A body must be JSON (415): a form or text/plain body is what a cross-site
      request can send without asking the browser first.
    """
    if request.method not in WRITE_METHODS:
        return None
    if not request.headers.get("Authorization") and request.user.is_authenticated:
        check = CsrfViewMiddleware(lambda r: HttpResponse())
        check.process_request(request)
        if check.process_view(request, _csrf_protected_view, (), {}) is not None:
            return JsonResponse(
                {
                    "detail": _(
                        "Signed in with the browser session, a write needs a valid "
                        "CSRF token (header X-CSRFToken); scripts use a personal "
                        "API token instead."
                    )
                },
                status=403,
            )
    declared = request.META.get("CONTENT_TYPE", "")
    content_type = declared.split(";")[0].strip().lower()
    has_body = bool(request.META.get("CONTENT_LENGTH", "0") not in ("", "0"))
    if (declared or has_body) and not _is_json(content_type):
        return JsonResponse(
            {
                "detail": _(
                    "Send the request body as JSON (Content-Type: application/json)."
                )
            },
            status=415,
        )
    return None


def municipality_for(request: HttpRequest, slug: str) -> Municipality:
    """The active municipality `slug`, set on the request for the gate (or 404).

    Every operation below /municipalities/{slug}/ starts here, so this is where the
    API applies the MFA rule (403 for staff without a second factor)."""
    municipality = _active_municipality(request, slug)
    if municipality is None:
        raise Http404
    request.municipality = municipality  # type: ignore[attr-defined]
    _refuse_without_mfa(request, municipality)  # again: also where auth is None
    return municipality


def field_error(field: str, message: str) -> DjangoValidationError:
    """A validation error for one field of the request body (answered with 422)."""
    return DjangoValidationError({field: [message]})


def _django_errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if field == NON_FIELD_ERRORS else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in exc.messages]


def _ninja_errors(exc: NinjaValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        # loc is e.g. ["body", "payload", "sectors", "0"] or ["query", "page"]; the
        # field is what follows the location and the parameter's name.
        field: str | None
        if loc[:1] == ["body"]:
            field = ".".join(loc[2:]) or None  # None: the body as a whole
        else:
            field = ".".join(loc[1:]) or None
        errors.append(
            {"field": field, "message": error.get("msg", ""), "type": error.get("type")}
        )
    return errors


def register_error_handlers(api: NinjaAPI) -> None:
    """JSON answers with a reason for every refusal and every invalid input."""

    def unauthorized(request: HttpRequest, exc: Any) -> HttpResponse:
        response = api.create_response(
            request,
            {
                "detail": _(
                    "Authentication required: send a valid personal API token as "
                    "“Authorization: Bearer qt_…”. The token may be missing, wrong "
                    "or revoked."
                )
            },
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="quartier"'
        return response

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Not found, or not visible to you.")}, status=404
        )

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        # The gate records its refusals itself and raises a bare PermissionDenied;
        # the services raise PermissionDenied(perm) — record those here.
        if exc.args:
            record_refusal(
                request, str(exc.args[0]), getattr(request, "municipality", None)
            )
        return api.create_response(
            request,
            {"detail": _("You do not have permission to do this.")},
            status=403,
        )

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        if isinstance(exc, NinjaValidationError):
            errors = _ninja_errors(exc)
        else:
            errors = _django_errors(exc)  # type: ignore[arg-type]
        return api.create_response(request, {"detail": errors}, status=422)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": str(exc)},
            status=exc.status_code,  # type: ignore[attr-defined]
        )

    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(NinjaValidationError, invalid)
    api.add_exception_handler(DjangoValidationError, invalid)

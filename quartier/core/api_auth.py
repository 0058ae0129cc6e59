"""Authentication and error answers shared by every app's API router.

Reads accept the session (a signed-in browser) or a personal API token
(`Authorization: Bearer qt_…`); writes accept only a token, so no write depends on a
cookie and none needs CSRF protection. The token's user replaces `request.user`, so
the permission gate, the audit log and the history see who acted.

Every 4xx answer is JSON with a `detail`: a sentence, or for invalid input a list of
`{"field": …, "message": …}` (see `register_error_handlers`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from quartier.core.gate import record_refusal
from quartier.core.models import Municipality


class TokenAuth(HttpBearer):
    """A personal API token (created on "Mein Konto" → API tokens)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from quartier.accounts.services import token_authenticate

        user = token_authenticate(token.strip())
        if user is None:
            return None
        # The rights are the token owner's, for this request only.
        request.user = user
        return user


class SessionOrTokenAuth(TokenAuth):
    """For reads: a token when one is sent, else the session (possibly anonymous).

    A request that sends an Authorization header that is not a valid token is
    refused with 401 rather than quietly served as a guest, so a client notices a
    revoked token at once.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get(self.header):
            # AnonymousUser is truthy, so ninja lets guests through.
            return request.user
        return super().__call__(request)


token_auth = TokenAuth()
read_auth = SessionOrTokenAuth()


def municipality_for(request: HttpRequest, slug: str) -> Municipality:
    """The active municipality `slug`, set on the request for the gate (or 404)."""
    municipality = Municipality.objects.active().filter(slug=slug).first()
    if municipality is None:
        raise Http404
    request.municipality = municipality  # type: ignore[attr-defined]
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

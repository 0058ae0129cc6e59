"""Tenancy (request.municipality) and the language choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from quartier.core import probe, tenancy
from quartier.core.languages import requested_language, supported
from quartier.core.mfa import mfa_blocks_tokens, mfa_missing
from quartier.core.models import Municipality


class LanguageMiddleware:
    """The interface language of each request (core/languages.py, docs/languages.md).

    A signed-in person's stored preferred language wins; otherwise the language
    cookie of the switch; on a first visit the browser's Accept-Language among the
    supported languages; German when nothing matches. URLs are the same in every
    language, so responses vary on Cookie and Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = requested_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        chosen = request.LANGUAGE_CODE  # type: ignore[attr-defined]
        response.headers.setdefault("Content-Language", chosen)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        # The user is known only now (AuthenticationMiddleware runs after us).
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user else ""
        if preferred and preferred in supported():
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred  # type: ignore[attr-defined]


def _needs_mfa(request: HttpRequest, municipality: Municipality) -> bool:
    # The same rule guards the API and token creation (quartier.core.mfa).
    return mfa_missing(request.user, municipality)


# Pages outside a municipality that a person must reach while their second factor is
# missing: allauth's own pages (sign in and out, set up two-factor authentication,
# confirm an address), the list of municipalities and the display switches. Every
# other page outside a municipality ("Mein Konto", API tokens, the admin, …) waits
# until the person has set it up (docs/security.md, "Sessions and login"). The API
# token page stays open so that tokens can be withdrawn; it makes no new token
# while the factor is missing (accounts.services.token_create asks core/mfa.py).
MFA_EXEMPT_VIEWS = frozenset(
    {
        "index",
        "healthz",
        "set_language",
        "language_switch",
        "plain_language_toggle",
        "accounts:tokens",
        "accounts:token_revoke",
    }
)


def _mfa_exempt(request: HttpRequest, view_func: Callable[..., Any]) -> bool:
    if request.path.startswith("/api/"):  # the API answers 403 JSON (core/mfa.py)
        return True
    module = getattr(view_func, "__module__", "") or ""
    if module.startswith("allauth."):
        return True
    match = request.resolver_match
    return match is not None and match.view_name in MFA_EXEMPT_VIEWS


def _ask_for_mfa(request: HttpRequest, name: str) -> HttpResponse:
    messages.warning(
        request,
        _(
            "%(name)s asks coordinators and admins to use two-factor "
            "authentication. Please set it up to continue."
        )
        % {"name": name},
    )
    return redirect("mfa_activate_totp")


def _municipality_with_role(request: HttpRequest, slug: str) -> Municipality | None:
    """The active municipality of `slug`; for a signed-in person with the person's
    role there read in the same query (one query less on every signed-in page;
    docs/benchmarks.md). Read on every request, never kept: a changed role counts
    from the next request on (User.know_role_in)."""
    user = request.user
    know_role_in = getattr(user, "know_role_in", None)
    if know_role_in is None or not user.is_authenticated:
        return probe.row_of(Municipality, slug=slug, is_active=True)
    memberships: Any = user.__class__.memberships.rel.related_model  # type: ignore[attr-defined]
    table = connection.ops.quote_name(memberships._meta.db_table)
    role = (
        f"SELECT {probe.column(memberships, 'role')} FROM {table} "  # noqa: S608 - names quoted
        f"WHERE {probe.column(memberships, 'municipality')} = "
        f"{probe.column(Municipality, 'pk')} "
        f"AND {probe.column(memberships, 'user')} = %s LIMIT 1",
        [user.pk],
    )
    municipality = probe.row_of(
        Municipality, extra={"_viewer_role": role}, slug=slug, is_active=True
    )
    if municipality is not None:
        know_role_in(municipality.pk, municipality._viewer_role)  # type: ignore[attr-defined]
    return municipality


class TenantMiddleware:
    """Resolve `/<municipality_slug>/…` to request.municipality.

    The slug is removed from the view's keyword arguments, so views receive the
    municipality only through the request. Coordinators and admins of a municipality
    that requires two-factor authentication are sent to set it up first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.municipality = None  # type: ignore[attr-defined]
        with tenancy.scoped_to(None):  # nothing leaks into the next request
            return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        slug = view_kwargs.pop("municipality_slug", None)
        if slug is None:
            if (
                request.user.is_authenticated
                and not _mfa_exempt(request, view_func)
                and mfa_blocks_tokens(request.user)
            ):
                return _ask_for_mfa(request, _("A municipality you coordinate"))
            return None
        municipality = _municipality_with_role(request, slug)
        if municipality is None:
            raise Http404
        request.municipality = municipality  # type: ignore[attr-defined]
        tenancy.enter_request(municipality.pk)
        if _needs_mfa(request, municipality):
            return _ask_for_mfa(request, municipality.name)
        return None

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        # Guests who reach a page for members are asked to sign in rather than refused.
        if (
            isinstance(exception, PermissionDenied)
            and not request.user.is_authenticated
            and request.method in ("GET", "HEAD")
            and not request.path.startswith("/api/")
        ):
            return redirect_to_login(request.get_full_path())
        return None

"""The one rule for required two-factor authentication (MFA).

A municipality may require it of its staff (`Municipality.require_mfa_for_staff`):
coordinators and admins without a TOTP authenticator may not act as staff there.
Every entry asks this module: the web pages (`TenantMiddleware` sends them to set
it up), the API with a session or a token (`api_auth.municipality_for` answers 403
JSON), and token creation (`mfa_blocks_tokens`: no new token while any
municipality waits for the person's second factor, so a token cannot be used to
step around the web's redirect).
"""

from __future__ import annotations

from typing import Any

from quartier.core.models import Municipality
from quartier.core.roles import Role, rank


def _is_staff(user: Any, municipality: Municipality) -> bool:
    return rank(user.role_in(municipality)) >= rank(Role.COORDINATOR)


def _has_totp(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def mfa_missing(user: Any, municipality: Municipality | None) -> bool:
    """True when `user` is staff of `municipality`, which requires MFA, without it."""
    if municipality is None or not municipality.require_mfa_for_staff:
        return False
    if user is None or not user.is_authenticated:
        return False
    return _is_staff(user, municipality) and not _has_totp(user)


def mfa_blocks_tokens(user: Any) -> bool:
    """True when some municipality waits for `user`'s second factor (no new tokens)."""
    if user is None or not user.is_authenticated:
        return False
    return any(
        mfa_missing(user, municipality)
        for municipality in Municipality.objects.filter(require_mfa_for_staff=True)
    )

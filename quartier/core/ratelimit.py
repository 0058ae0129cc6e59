"""One rate-limit helper for anonymous input (contributions, survey answers, …).

A fixed-window counter in the cache: good enough against floods from one address,
and shared between processes when CACHE_URL points at Redis or memcached.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address; behind TRUSTED_PROXY_COUNT proxies, the address the
    outermost trusted proxy saw (never a value the visitor could set)."""
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one attempt for (scope, key); True while within `limit` per `period` s."""
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def allow_anonymous(
    request: HttpRequest, scope: str, *, limit: int = 10, period: int = 3600
) -> bool:
    """True when this request's client may submit `scope` once more.

    Signed-in users are not limited here; their input is tied to an account.
    """
    if request.user.is_authenticated:
        return True
    return hit(scope, client_ip(request), limit=limit, period=period)


def allow_upload(
    request: HttpRequest, scope: str, *, limit: int, period: int = 3600
) -> bool:
    """True while this request's sender may upload once more: counted per account
    when signed in (an account is no licence to fill the disk), else per address."""
    user = request.user
    key = f"account:{user.pk}" if user.is_authenticated else client_ip(request)
    return hit(f"upload:{scope}", key, limit=limit, period=period)

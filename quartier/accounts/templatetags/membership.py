"""`{% join_state municipality as state %}`: where the person stands with a
municipality, so that pages and refusals say what to do next (docs/accounts.md).

"guest" (not signed in), "member", "pending" (a request waits for the
coordination) or "none" (may ask to join)."""

from __future__ import annotations

from typing import Any

from django import template

from quartier.accounts.models import MembershipRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def join_state(context: Any, municipality: Any) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return "guest"
    if municipality is None or user.role_in(municipality):
        return "member"
    pending = (
        MembershipRequest.objects.filter(user=user, municipality=municipality)
        .pending()
        .exists()
    )
    return "pending" if pending else "none"

"""The one permission gate every view goes through (docs/permissions.md).

`get_object_for` loads a protected object: 404 when the user may not see it, 403 when
they may see it but not do what they ask. `require` checks a permission on the
current municipality (or another object) for views without one object. Refusals of
signed-in users are written to the audit log.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from quartier.core.models import AuditEntry, TenantModel

M = TypeVar("M", bound=models.Model)


def record_refusal(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Write a refused access of a signed-in user to the audit log (the gate does it
    for views; the API calls it for refusals outside the gate)."""
    user = request.user
    if not user.is_authenticated:
        # "Who" would be nobody, and crawlers would fill the table; see docs/permissions.md.
        return
    municipality = getattr(request, "municipality", None)
    AuditEntry.record(
        kind=AuditEntry.Kind.ACCESS_DENIED,
        action=perm,
        target=f"{type(obj).__name__}:{getattr(obj, 'pk', '')}"
        if obj is not None
        else "",
        path=request.path[:500],
        user=user,
        municipality=municipality,
    )


def view_perm_of(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def may_view(user: Any, obj: Any, perm: str | None = None) -> bool:
    """May `user` see `obj`? Its view permission (or `perm`): the one check behind
    get_object_for and behind every linked object shown (core/object_links.py)."""
    return bool(user.has_perm(perm or view_perm_of(type(obj)), obj))


def get_object_for(
    request: HttpRequest,
    queryset: models.QuerySet[M],
    perm: str | None = None,
    **lookup: Any,
) -> M:
    """Fetch one object of the request's municipality that the user may see.

    `perm` is the action asked for (e.g. "actors.change_actor"); without it the
    object is only read.
    """
    model = queryset.model
    if issubclass(model, TenantModel):
        queryset = queryset.filter(municipality=getattr(request, "municipality", None))
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    view_perm = view_perm_of(model)
    if not may_view(request.user, obj, view_perm):
        record_refusal(request, view_perm, obj)
        raise Http404
    if perm and not request.user.has_perm(perm, obj):
        record_refusal(request, perm, obj)
        raise PermissionDenied
    return obj


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied (403, or the login page for guests) unless allowed."""
    target = obj if obj is not None else getattr(request, "municipality", None)
    if not request.user.has_perm(perm, target):
        record_refusal(request, perm, target)
        raise PermissionDenied

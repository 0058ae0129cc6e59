"""What the initiative views share: loading an initiative through the gate."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from quartier.core.gate import get_object_for
from quartier.initiatives.models import Initiative


def load(request: HttpRequest, pk: int, perm: str | None = None) -> Initiative:
    return get_object_for(
        request,
        Initiative.objects.select_related("municipality", "lead_actor", "lead_person"),
        perm,
        pk=pk,
    )


def child(request: HttpRequest, initiative: Initiative, queryset: Any, pk: int) -> Any:
    """A row that belongs to `initiative` (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(queryset.filter(initiative=initiative), pk=pk)

"""What a municipality can share with an advisory organisation (Fachberatung), module by module.

Advisers never read a municipality's internal data wholesale. A municipality's
admin grants an advisory organisation one module at a time (a `SharingGrant` of the
`advisers` app: purpose, start, end, legal basis); an adviser reads that module only
while a grant of their organisation for its key is active.

- Apps register the modules they can share in a module `<app>/sharing.py` that calls
  `register(SharedModule(...))` (found like Django's admin.py modules), with a label,
  one German sentence of what the adviser sees (never persons' data), the summaries
  for the adviser dashboard (many municipalities in a fixed number of queries) and
  where the adviser reads it: the advisers app's module page with the module's
  `detail` tables, or a page of the app whose rule adds `| adviser_may("<key>")`.
- Views an adviser opens call `record_adviser_view()`: the municipality sees the log.

core never imports the `advisers` app; its models are looked up by name, so that
without the app nothing is granted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from quartier.core.models import Municipality
from quartier.core.predicates import municipality_of


@dataclass(frozen=True)
class SharedTable:
    """A table of a shared module as the adviser reads it: no persons' data."""

    caption: Any
    headers: list[Any]
    rows: list[list[Any]]


@dataclass(frozen=True)
class SharedModule:
    key: str  # "support.check", "initiatives", "impact.indicators", …
    label: Any  # gettext_lazy
    description: Any  # one German sentence: what the adviser sees
    # The dashboard's lines for many municipalities at once ({municipality pk: lines}),
    # computed with a fixed number of queries however many municipalities share.
    summaries: (
        Callable[[list[Municipality]], dict[int, list[tuple[Any, str]]]] | None
    ) = None
    url: Callable[[Municipality], str] | None = None
    # Without a `url` of its own, the module is read on the advisers app's module
    # page, which shows these tables (selected field by field, without persons).
    detail: Callable[[Municipality], list[SharedTable]] | None = None


_MODULES: dict[str, SharedModule] = {}
_discovered = False


def register(module: SharedModule) -> None:
    """Add a module that municipalities can share (called from an app's sharing.py)."""
    _MODULES[module.key] = module


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("sharing")


def shared_modules() -> list[SharedModule]:
    """Every registered module, ordered by key."""
    _discover()
    return [_MODULES[key] for key in sorted(_MODULES)]


def shared_module(key: str) -> SharedModule | None:
    _discover()
    return _MODULES.get(key)


def _model(name: str) -> Any:
    try:
        return apps.get_model("advisers", name)
    except LookupError:
        return None


def is_active_adviser(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_adviser", False)
    )


def adviser_has_grant(user: Any, municipality: Municipality | None, key: str) -> bool:
    """An active grant (start <= today <= end, not revoked) of the user's advisory
    organisation for this module of the municipality."""
    grant = _model("SharingGrant")
    if grant is None or municipality is None or not is_active_adviser(user):
        return False
    today = timezone.localdate()
    return bool(
        grant.objects.filter(
            municipality=municipality,
            module_key=key,
            organisation__members=user,
            starts_on__lte=today,
            ends_on__gte=today,
            revoked_at__isnull=True,
        ).exists()
    )


def adviser_may(key: str) -> Any:
    """A predicate for rules.py: the object's municipality shares `key` with the user."""

    def check(user: Any, obj: Any = None) -> bool:
        return adviser_has_grant(user, municipality_of(obj), key)

    return rules.predicate(check, name=f"adviser_may[{key}]")


def record_adviser_view(
    request: Any, municipality: Municipality, key: str, what: str
) -> None:
    """Log that an adviser opened `what` of a shared module (the municipality's log).

    Members of the municipality reading their own data are not logged."""
    user: Any = getattr(request, "user", None)
    view = _model("AdviserView")
    if view is None or user is None or not is_active_adviser(user):
        return
    if user.role_in(municipality) is not None:
        return
    view.objects.create(
        municipality=municipality,
        user=user,
        module_key=key,
        what=str(what)[:300],
        path=request.get_full_path()[:500],
    )

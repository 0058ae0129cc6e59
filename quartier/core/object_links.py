"""Links between objects of different modules: the one registry (STYLE.md,
"Extension points"; docs/security.md, "Linked objects").

A link kind joins a *source* (the object that stores the link and whose page offers
the form, e.g. a contribution) to a *target* (e.g. a forum's decision). Each app
registers the kinds it offers in its `AppConfig.ready()`; core never imports them.

Two guarantees hold for every kind, and only here:

- Display: `visible_links(user, obj)` returns the objects linked to `obj`, in either
  direction, that `user` may see — same municipality, and the view permission of the
  far end through the permission gate (`gate.may_view`). Every page shows links
  with `{% linked_objects obj %}` (core/templatetags/object_links.py) and every API
  response reads them from `visible_links`, so a link never shows a title its viewer
  may not see.
- Writing: `link_target_allowed(user, target, source=...)` is true only for a target
  of the source's municipality that the linking person may see; forms offer
  `link_choices(...)` and refuse anything else, services check again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from quartier.core.gate import may_view

Fetch = Callable[[Sequence[Any]], Mapping[Any, Sequence[Any]]]


def _default_url(obj: Any) -> str:
    return str(obj.get_absolute_url())


def _no_detail(obj: Any) -> str:
    return ""


@dataclass(frozen=True)
class LinkEnd:
    """One end of a link kind: its model, the label under which objects of this end
    are shown on the other end's page, and its view permission."""

    model: type[models.Model]
    label: Any
    perm: str
    # Given objects of the OTHER end: {their pk: [objects of this end linked to it]}.
    # One query for all of them, so a page with many objects does not grow in queries.
    fetch: Fetch
    describe: Callable[[Any], str] = str
    url: Callable[[Any], str] = _default_url
    detail: Callable[[Any], str] = field(default=_no_detail)


@dataclass(frozen=True)
class LinkKind:
    key: str
    source: LinkEnd
    target: LinkEnd
    # The permission (on the source object) to set or remove the link.
    link_perm: str
    # The targets a person may choose: choices(user, municipality) → a queryset.
    choices: Callable[[Any, Any], models.QuerySet[Any]]
    # Optional: (user, target) → an entry (title, url) to the page that links the
    # target from ITS side, or None when the user may not link it (the app that
    # registers the kind decides; `{% linked_objects %}` shows the entry).
    link_from_target: Callable[[Any, Any], Link | None] | None = None


@dataclass(frozen=True)
class Link:
    obj: Any
    title: str
    url: str
    detail: str


@dataclass(frozen=True)
class LinkGroup:
    key: str
    label: Any
    links: list[Link]


_REGISTRY: dict[str, LinkKind] = {}


def register(link_kind: LinkKind) -> LinkKind:
    """Register a link kind (from an AppConfig.ready()); registering the same key
    again replaces it, so a reloaded app does not count twice."""
    _REGISTRY[link_kind.key] = link_kind
    return link_kind


def kinds() -> list[LinkKind]:
    return list(_REGISTRY.values())


def kind(key: str) -> LinkKind:
    return _REGISTRY[key]


def _municipality_id(obj: Any) -> Any:
    return getattr(obj, "municipality_id", None)


def _far_ends(obj: Any) -> Iterable[tuple[LinkKind, LinkEnd]]:
    """(kind, far end) for every kind that `obj` is one end of."""
    for link_kind in _REGISTRY.values():
        if isinstance(obj, link_kind.source.model):
            yield link_kind, link_kind.target
        if isinstance(obj, link_kind.target.model):
            yield link_kind, link_kind.source


def _batch(obj: Any, among: Any, cache: dict[Any, Any] | None) -> tuple[Any, Any]:
    """The objects whose links are read together, and a key naming them.

    Called once per row of a list with the same `among`: the key is computed once
    per list and kept in `cache` (not once per row, which made a page of 200 rows
    walk 40,000 primary keys; docs/benchmarks.md).
    """
    if not among:
        return [obj], (obj.pk,)
    if cache is None:
        batch = list(among)
        return batch, tuple(o.pk for o in batch)
    slot = ("batch", id(among))
    held = cache.get(slot)
    # The list itself is kept in the entry, so its id cannot be reused meanwhile.
    if held is None or held[0] is not among:
        batch = list(among)
        held = (among, batch, tuple(o.pk for o in batch))
        cache[slot] = held
    return held[1], held[2]


def visible_links(
    user: Any,
    obj: Any,
    *,
    among: Sequence[Any] | None = None,
    cache: dict[Any, Any] | None = None,
) -> list[LinkGroup]:
    """The objects linked to `obj` that `user` may see, grouped by kind.

    `among`: the objects of the same model shown on the same page (e.g. all agenda
    items of a meeting); their links are read in one query and kept in `cache`
    (the template's render context) for the next one.
    """
    groups = []
    batch, batch_key = _batch(obj, among, cache)
    for link_kind, far in _far_ends(obj):
        key = (link_kind.key, far.model, batch_key)
        if cache is not None and key in cache:
            fetched = cache[key]
        else:
            fetched = far.fetch(batch)
            if cache is not None:
                cache[key] = fetched
        links = [
            Link(other, far.describe(other), far.url(other), far.detail(other))
            for other in fetched.get(obj.pk, ())
            if _municipality_id(other) == _municipality_id(obj)
            and may_view(user, other, far.perm)
        ]
        if links:
            groups.append(LinkGroup(link_kind.key, far.label, links))
    return groups


def link_from_target_entries(user: Any, obj: Any) -> list[Link]:
    """Entries to the pages where `user` may link `obj` as a target (see
    LinkKind.link_from_target), one per page."""
    entries: list[Link] = []
    for link_kind in _REGISTRY.values():
        offer = link_kind.link_from_target
        if offer is not None and isinstance(obj, link_kind.target.model):
            entry = offer(user, obj)
            if entry is not None and entry not in entries:
                entries.append(entry)
    return entries


def visible_targets(user: Any, obj: Any, key: str) -> list[Any]:
    """The objects of one link kind linked to `obj` that `user` may see (for API
    responses)."""
    return [
        link.obj
        for group in visible_links(user, obj)
        if group.key == key
        for link in group.links
    ]


def link_target_allowed(user: Any, target: Any, *, source: Any) -> bool:
    """May `user` link `source` to `target`? Only to a target of the source's
    municipality that the user may see (a forged form value is refused). No
    target (removing a link) is always allowed."""
    if target is None:
        return True
    for link_kind in _REGISTRY.values():
        if isinstance(source, link_kind.source.model) and isinstance(
            target, link_kind.target.model
        ):
            return _municipality_id(target) == _municipality_id(source) and may_view(
                user, target, link_kind.target.perm
            )
    return False


def link_choices(user: Any, municipality: Any, key: str) -> models.QuerySet[Any]:
    """The targets of a kind that `user` may choose in `municipality`."""
    return kind(key).choices(user, municipality)

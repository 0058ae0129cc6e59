"""The kinds of free text a run clusters, and how a cluster's references are shown.

Each kind says which of its texts count (only published ones: approved, not hidden
by reports, and for stories consented to), how to read its text, and how to show
one: through the permission gate (`gate.may_view`) with the kind's view permission,
so a page never shows a text its viewer may not see (docs/security.md, "Topics in
free text"). A new kind joins by adding one `Source` here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from quartier.core.gate import may_view
from quartier.participation.models import Comment, Contribution, Moderation
from quartier.stories.models import Story

EXCERPT_WORDS = 40


@dataclass(frozen=True)
class Source:
    key: str
    label: Any  # plural, for the form and the page
    item_label: Any  # singular, next to each typical text
    model: type[models.Model]
    perm: str
    # The texts that count, of a municipality (already filtered by period and place).
    # The manager's own queryset (e.g. `.public()`), so typed loosely.
    published: Callable[[Any], models.QuerySet[Any]]
    # The lookup of the neighbourhood.
    neighborhood_field: str
    text_fields: tuple[str, ...]
    title: Callable[[Any], str]
    url: Callable[[Any], str]


def _comment_url(comment: Comment) -> str:
    return f"{comment.contribution.get_absolute_url()}#comments"


SOURCES: dict[str, Source] = {
    source.key: source
    for source in [
        Source(
            key="contribution",
            label=_("Contributions"),
            item_label=_("Contribution"),
            model=Contribution,
            perm="participation.view_contribution",
            published=lambda qs: qs.public(),
            neighborhood_field="neighborhood",
            text_fields=("title", "text"),
            title=lambda obj: obj.title,
            url=lambda obj: obj.get_absolute_url(),
        ),
        Source(
            key="story",
            label=_("Stories"),
            item_label=_("Story"),
            model=Story,
            perm="stories.view_story",
            published=lambda qs: qs.public(),
            neighborhood_field="neighborhood",
            text_fields=("title", "text"),
            title=lambda obj: obj.title,
            url=lambda obj: obj.get_absolute_url(),
        ),
        Source(
            key="comment",
            label=_("Comments on contributions"),
            item_label=_("Comment"),
            model=Comment,
            perm="participation.view_comment",
            # A comment counts only below a published contribution.
            published=lambda qs: qs.public().filter(
                contribution__moderation=Moderation.APPROVED,
                contribution__is_hidden=False,
            ),
            neighborhood_field="contribution__neighborhood",
            text_fields=("text",),
            title=lambda obj: obj.contribution.title,
            url=_comment_url,
        ),
    ]
}


def max_texts() -> int:
    """A run clusters the latest this many texts of its period."""
    return int(getattr(settings, "TOPICS_MAX_TEXTS", 10_000))


@dataclass(frozen=True)
class Text:
    kind: str
    pk: int
    created_at: datetime.datetime
    text: str


def collect_texts(
    *,
    municipality: Any,
    start: datetime.date,
    end: datetime.date,
    kinds: Iterable[str],
    neighborhood: Any = None,
    limit: int | None = None,
) -> list[Text]:
    """The published texts of the municipality written from `start` to `end`
    (inclusive), latest first, at most `limit` (default: max_texts())."""
    limit = max_texts() if limit is None else limit
    found: list[Text] = []
    for key in kinds:
        source = SOURCES[key]
        qs = source.published(
            source.model.objects.filter(  # type: ignore[attr-defined]
                municipality=municipality,
                created_at__date__gte=start,
                created_at__date__lte=end,
            )
        )
        if neighborhood is not None:
            qs = qs.filter(**{source.neighborhood_field: neighborhood})
        rows = qs.order_by("-created_at", "-pk").values_list(
            "pk", "created_at", *source.text_fields
        )[:limit]
        for pk, created_at, *parts in rows:
            found.append(Text(key, pk, created_at, "\n".join(parts)))
    found.sort(key=lambda t: (t.created_at, t.kind, t.pk), reverse=True)
    return found[:limit]


@dataclass(frozen=True)
class Shown:
    kind_label: Any
    title: str
    excerpt: str
    url: str


def resolve(
    user: Any, municipality: Any, refs: Sequence[Sequence[Any]]
) -> dict[tuple[str, int], Shown]:
    """The referenced texts `user` may see, by (kind, pk); one query per kind.
    Texts deleted since, of another municipality or not visible are left out."""
    wanted: dict[str, set[int]] = {}
    for kind, pk in refs:
        if kind in SOURCES:
            wanted.setdefault(kind, set()).add(pk)
    shown: dict[tuple[str, int], Shown] = {}
    for kind, pks in wanted.items():
        source = SOURCES[kind]
        qs = source.model.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality, pk__in=pks
        ).select_related("municipality")
        if kind == "comment":
            qs = qs.select_related("contribution__municipality")
        for obj in qs:
            if not may_view(user, obj, source.perm):
                continue
            shown[(kind, obj.pk)] = Shown(
                kind_label=source.item_label,
                title=source.title(obj),
                excerpt=Truncator(obj.text).words(EXCERPT_WORDS),
                url=source.url(obj),
            )
    return shown

"""The forum texts a reflection may change (core/adaptable_texts.py): the purpose
and the scope of a forum's mandate, written through forums' own `forum_save`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.core.adaptable_texts import AdaptableText, register
from quartier.forums.models import Forum


def _forums(user: Any, municipality: Any) -> Any:
    return Forum.objects.visible_to(user, municipality).order_by("name")


def _writer(field: str) -> Any:
    def write(*, by: Any, obj: Forum, text: str) -> Forum:
        from quartier.forums.services.forums import forum_save

        return forum_save(
            by=by, municipality=obj.municipality, forum=obj, **{field: text}
        )

    return write


register(
    AdaptableText(
        key="forums.Forum.purpose",
        model=Forum,
        field="purpose",
        label=_("Purpose and mandate of a forum"),
        view_perm="forums.view_forum",
        change_perm="forums.change_forum",
        choices=_forums,
        write=_writer("purpose"),
        describe=lambda f: f.name,
    ),
    AdaptableText(
        key="forums.Forum.mandate_scope",
        model=Forum,
        field="mandate_scope",
        label=_("Mandate of a forum: over what"),
        view_perm="forums.view_forum",
        change_perm="forums.change_forum",
        choices=_forums,
        write=_writer("mandate_scope"),
        describe=lambda f: f.name,
    ),
)

"""The initiative text a reflection may change (core/adaptable_texts.py): its plan,
the description, written through initiatives' own `initiative_update`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.core.adaptable_texts import AdaptableText, register
from quartier.initiatives.models import Initiative


def _initiatives(user: Any, municipality: Any) -> Any:
    return Initiative.objects.visible_to(user, municipality).order_by("title")


def _write(*, by: Any, obj: Initiative, text: str) -> Initiative:
    from quartier.initiatives.services import initiative_update

    return initiative_update(by=by, initiative=obj, description=text)


register(
    AdaptableText(
        key="initiatives.Initiative.description",
        model=Initiative,
        field="description",
        label=_("Plan of an initiative (its description)"),
        view_perm="initiatives.view_initiative",
        change_perm="initiatives.change_initiative",
        choices=_initiatives,
        write=_write,
        html=True,
        describe=lambda i: i.title,
    ),
)

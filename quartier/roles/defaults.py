"""The five role profiles every municipality starts from (issue 15, R10).

They are written when a coordinator asks for them on the empty role page (a button,
`services.role_profiles_add_defaults`), in the language of that request: an explicit
act, audited, never a side effect of opening a page. The municipality then adapts
them and adds its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DefaultProfile:
    name: Any
    tasks: tuple[Any, ...]
    competences: tuple[Any, ...]


DEFAULT_PROFILES = (
    DefaultProfile(
        _("Neighbourhood coordinator"),
        (
            _(
                "Keeps the overview of actors, forums and initiatives in the neighbourhood"
            ),
            _("Prepares and follows up the neighbourhood conference"),
            _("Is the contact point for residents and the administration"),
        ),
        (
            _("Project management"),
            _("Moderation"),
            _("Knowledge of the administration"),
        ),
    ),
    DefaultProfile(
        _("Networker"),
        (
            _("Brings actors together who should know each other"),
            _("Keeps contacts alive and notices gaps in the network"),
        ),
        (_("Network work"), _("Communication")),
    ),
    DefaultProfile(
        _("Translator / cultural mediator"),
        (
            _("Translates between languages, cultures and the administration"),
            _("Opens doors to groups that are rarely heard"),
        ),
        (_("Intercultural competence"), _("Plain language")),
    ),
    DefaultProfile(
        _("Process designer"),
        (
            _("Designs participation and decision processes"),
            _("Leads reflection rounds and makes sure changes follow"),
        ),
        (_("Moderation"), _("Process design")),
    ),
    DefaultProfile(
        _("Community health broker"),
        (
            _("Connects residents with health and social offerings"),
            _("Brings what residents need back to the providers"),
        ),
        (_("Health literacy"), _("Communication"), _("Intercultural competence")),
    ),
)

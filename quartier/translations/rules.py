"""Who may translate content and who sees "Übersetzung gewünscht"
(docs/permissions.md): the coordination and the volunteer translators of the
object's municipality. Anyone signed in may ask for a translation."""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, role_of
from quartier.core.roles import Role


@rules.predicate
def is_translator(user: Any, obj: Any) -> bool:
    """A volunteer translator of the object's municipality."""
    return role_of(user, obj) == Role.TRANSLATOR


rules.add_perm("translations.translate", is_coordinator | is_translator)
rules.add_perm("translations.view_queue", is_coordinator | is_translator)
rules.add_perm("translations.request", rules.is_authenticated)

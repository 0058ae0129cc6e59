"""Roles per municipality, from least to most rights (docs/permissions.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    # A resident who also translates content (quartier/translations): the rights of a
    # resident plus adding translations and seeing "Übersetzung gewünscht".
    TRANSLATOR = "translator", _("Volunteer translator")
    PARTNER = "partner", _("Partner")
    COORDINATOR = "coordinator", _("Coordination")
    ADMIN = "admin", _("Steering (admin)")


ROLE_RANK = {
    Role.RESIDENT: 1,
    Role.TRANSLATOR: 1,
    Role.PARTNER: 2,
    Role.COORDINATOR: 3,
    Role.ADMIN: 4,
}


def rank(role: str | None) -> int:
    return ROLE_RANK.get(role, 0) if role else 0  # type: ignore[call-overload]

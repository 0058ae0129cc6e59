"""Processing activities of reflections (core/processing.py): the changes agreed in a
reflection and who is responsible for them. Forms name them in `processing`;
docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _reflections(municipality: Municipality) -> bool:
    from quartier.reflections.models import Reflection

    return Reflection.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="reflections.adaptation",
        module=_("Reflections"),
        name=_("Reflections and the changes agreed in them"),
        purpose=_(
            "To look back on a meeting, a round, an initiative or a fund's year "
            "together and to follow up the changes agreed, each with whoever is "
            "responsible for it."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(
            _("Members of the municipality who take part"),
            _("People responsible for an agreed change"),
        ),
        data=(_("Account, contributions to the reflection, responsibility, due date"),),
        recipients=(_("Members of the municipality"),),
        anchor="reflections",
        public=_(
            "Reflections are shown to members of the municipality only; an agreed "
            "change is recorded as a decision in the decisions register."
        ),
        retention_note=_("As long as the reflection is kept."),
        in_use=_reflections,
        order=88,
    ),
)

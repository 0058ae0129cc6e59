"""Processing activity of the relationship survey (core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _surveys(municipality: Municipality) -> bool:
    from quartier.network.models import SurveyRound

    return SurveyRound.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="network.relationship_survey",
        module=_("Network analysis"),
        name=_("Relationship survey among organisations"),
        purpose=_(
            "To learn how much the organisations trust each other and how valuable "
            "they find their cooperation, so that the coordination can strengthen "
            "the network."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Contact persons of the participating organisations"),),
        data=(
            _("The organisation's contact e-mail address for its answer link"),
            _("The organisation's ratings of its partners"),
        ),
        recipients=(_("The coordination of the municipality, as averages only"),),
        anchor="network",
        public=_(
            "Nothing: the answers are shown to the coordination as averages only."
        ),
        retention_note=_("Until the survey round is deleted."),
        in_use=_surveys,
        order=60,
    ),
)

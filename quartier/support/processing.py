"""Processing activities of the support app (core/processing.py): the answers of the
team members to the Quartiers-Check. docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _answers(municipality: Municipality) -> bool:
    from quartier.support.models import CheckAnswer

    return CheckAnswer.objects.filter(round__municipality=municipality).exists()


register(
    Activity(
        key="support.check",
        module=_("Quartiers-Check"),
        name=_("Answers of the team to the Quartiers-Check"),
        purpose=_(
            "To see together, once a year, where the municipality stands with the "
            "recommendations for healthy neighbourhoods, and what to do next."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Members of the municipality's team who answer the check"),),
        data=(_("Account, the answers given, evidence written"),),
        recipients=(_("The team of the municipality (only how many chose each step)"),),
        anchor="quartiers-check",
        public=_(
            "Who answered what is shown to nobody: the team sees how many chose each "
            "step, advisers only the confirmed team result."
        ),
        retention_note=_("As long as the check round is kept."),
        in_use=_answers,
        order=89,
    ),
)

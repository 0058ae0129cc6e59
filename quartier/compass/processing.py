"""Processing activities of the tension compass (core/processing.py). Forms name them
in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _assessments(municipality: Municipality) -> bool:
    from quartier.compass.models import Assessment

    return Assessment.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="compass.assessment",
        module=_("Tension compass"),
        name=_("Assessments in a compass round"),
        purpose=_(
            "To see how the participants assess the tension fields of the "
            "neighbourhood and to discuss the results together."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Participants of a compass round"),),
        data=(_("Account, perspective, positions and comments"),),
        recipients=(_("Coordination of the municipality, the round's participants"),),
        anchor="compass",
        public=_("Results are shown only in aggregate, without names."),
        retention_note=_("As long as the round is kept."),
        in_use=_assessments,
        order=60,
    ),
)

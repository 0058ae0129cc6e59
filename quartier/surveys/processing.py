"""Processing activities of surveys (core/processing.py). Forms name them in
`processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _responses(municipality: Municipality) -> bool:
    from quartier.surveys.models import Response

    return Response.objects.filter(survey__municipality=municipality).exists()


register(
    Activity(
        key="surveys.answer",
        module=_("Surveys"),
        name=_("Answers to surveys"),
        purpose=_("To learn what the neighbourhood thinks and to report the results."),
        legal_basis=PUBLIC_TASK,
        subjects=(_("People who answer a survey"),),
        data=(_("Answers; the account only to refuse a second answer"),),
        recipients=(_("Coordination of the municipality (results)"),),
        anchor="surveys",
        public=_(
            "Results are shown only in aggregate; nobody sees who gave which answer."
        ),
        retention_note=_("As long as the survey is kept."),
        in_use=_responses,
        order=70,
    ),
)

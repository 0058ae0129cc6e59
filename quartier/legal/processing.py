"""Processing activities of the legal pages (core/processing.py): feedback on
barriers. Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _feedback(municipality: Municipality) -> bool:
    from quartier.legal.models import AccessibilityFeedback

    return AccessibilityFeedback.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="legal.accessibility_feedback",
        module=_("Accessibility"),
        name=_("Feedback on barriers"),
        purpose=_(
            "To answer reports of barriers on this platform within the deadline and "
            "to remove the barriers (accessibility law of the state, BITV 2.0)."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("People who report a barrier"),),
        data=(_("The report and the answer; name and e-mail address, if given"),),
        recipients=(_("Admins and coordination of the municipality"),),
        anchor="accessibility-feedback",
        public=_("Your report is not public."),
        anonymous=_(
            "Name and e-mail address are optional; without them we cannot answer."
        ),
        retention=("legal.feedback_contact",),
        retention_note=_("The report itself stays as a record of the answer."),
        in_use=_feedback,
        order=95,
    ),
)

"""Processing activities of initiatives (core/processing.py): who leads and who is
responsible for what. Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _initiatives(municipality: Municipality) -> bool:
    from quartier.initiatives.models import Initiative

    return Initiative.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="initiatives.responsibility",
        module=_("Initiatives"),
        name=_("Lead, responsibilities and follow-ups of initiatives"),
        purpose=_(
            "To plan and carry out initiatives together: who leads, who is "
            "responsible for what and who looks at what next."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Staff of the municipality and of partner organisations"),),
        data=(_("Account, role in the initiative, follow-ups with due dates"),),
        recipients=(
            _("Coordination of the municipality and the initiative's partners"),
            _("Everybody: the lead of a public initiative"),
        ),
        anchor="initiatives",
        public=_(
            "On a public initiative the lead is shown with the name chosen for "
            "others; responsibilities and follow-ups are internal."
        ),
        retention_note=_("As long as the initiative is kept."),
        in_use=_initiatives,
        order=85,
    ),
)

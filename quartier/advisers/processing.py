"""Processing activities of the Fachberatung (core/processing.py): the advisers'
accounts in the logs of a municipality, and practice examples with a contact person
whom other municipalities may ask."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import CONSENT, PUBLIC_TASK, Activity, register


def _shares(municipality: Municipality) -> bool:
    from quartier.advisers.models import SharingGrant

    return SharingGrant.objects.filter(municipality=municipality).exists()


def _practice(municipality: Municipality) -> bool:
    from quartier.advisers.models import PracticeExample

    return PracticeExample.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="advisers.sharing",
        module=_("Advisory service"),
        name=_("Sharing with advisers and the log of what they opened"),
        purpose=_(
            "To let the state's advisory service accompany the municipality with the "
            "modules the municipality shares, and to show the municipality what the "
            "advisers opened and which consultations took place."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(
            _("Advisers of the advisory organisation"),
            _("Admins who grant or revoke sharing"),
        ),
        data=(
            _("Account of the adviser, what was opened and when"),
            _("Consultations: date, topic, agreed next steps, who wrote them"),
        ),
        recipients=(_("Coordination and admins of the municipality"),),
        anchor="advisers",
        public=_(
            "Nothing is public. Advisers never receive persons' data: no names in "
            "time entries, comments, contributions, votes or survey answers."
        ),
        retention=("advisers.view_log",),
        retention_note=_(
            "Sharing agreements and consultations as long as the municipality keeps "
            "them."
        ),
        in_use=_shares,
        order=92,
    ),
    Activity(
        key="advisers.practice",
        module=_("Advisory service"),
        name=_("Practice examples and questions to their contact person"),
        purpose=_(
            "To let other municipalities learn from an example and ask the contact "
            "person, who agreed to be asked, a question by e-mail."
        ),
        legal_basis=CONSENT,
        subjects=(_("Contact persons of practice examples"), _("People who ask")),
        data=(
            _("Contact person's account (name and e-mail are not shown)"),
            _("The question, with name and e-mail address of the person asking"),
        ),
        recipients=(
            _("Members of other municipalities and advisers (the example)"),
            _("The contact person (the question, by e-mail)"),
        ),
        anchor="practice",
        public=_("Nothing is public; questions are sent by e-mail and not stored."),
        retention_note=_("Until the example is withdrawn."),
        in_use=_practice,
        order=93,
    ),
)

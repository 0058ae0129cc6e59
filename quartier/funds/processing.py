"""Processing activities of funds (core/processing.py): applications and the jury.
Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _applications(municipality: Municipality) -> bool:
    from quartier.funds.models import Application

    return Application.objects.filter(municipality=municipality).exists()


def _jury(municipality: Municipality) -> bool:
    from quartier.funds.models import JuryMember

    return JuryMember.objects.filter(fund__municipality=municipality).exists()


MODULE = _("Neighbourhood fund")

register(
    Activity(
        key="funds.application",
        module=MODULE,
        name=_("Fund applications, decisions and proof of use"),
        purpose=_(
            "To examine applications, to decide on them, to pay out grants and to "
            "check how the money was used, as the fund's guideline requires."
        ),
        legal_basis=_(
            "Art. 6 (1) (e) GDPR in conjunction with the state data protection act "
            "and the fund's guideline"
        ),
        subjects=(
            _("Applicants: residents, groups and organisations"),
            _("Contact persons of the applying group"),
        ),
        data=(
            _("Account and contact details of the applicant"),
            _("Group or organisation, project description, costs and amounts"),
            _("Decision, payouts, report and receipts"),
        ),
        recipients=(
            _("Coordination of the municipality (pre-check)"),
            _("The fund's jury (recommendation)"),
            _("The person deciding for the municipality"),
            _("Everybody: the list of funded projects"),
        ),
        anchor="funds",
        public=_(
            "Funded projects are listed publicly; the name of your group only if "
            "you tick the box for it. Your contact details are never public."
        ),
        anonymous=_("Leave the box unticked to keep your group's name off the list."),
        retention=("funds.closed_application", "funds.receipts"),
        retention_note=_(
            "Approved applications: as long as the fund's guideline and budget law "
            "require records to be kept."
        ),
        in_use=_applications,
        order=50,
    ),
    Activity(
        key="funds.jury",
        module=MODULE,
        name=_("The fund's jury"),
        purpose=_(
            "To seat the jury, to record conflicts of interest and its recommendations."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Jury members"),),
        data=(_("Account, role and voting right, votes, conflicts of interest"),),
        recipients=(_("Coordination of the municipality, the other jury members"),),
        anchor="funds",
        retention_note=_("As long as the records of the fund's applications."),
        in_use=_jury,
        order=51,
    ),
)

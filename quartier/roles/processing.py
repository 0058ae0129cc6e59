"""Processing activities of role profiles (core/processing.py): who fills a role,
and their consent to be named. Forms name them in `processing`; docs/roles.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import Activity, register


def _holders(municipality: Municipality) -> bool:
    from quartier.roles.models import RoleHolder

    return RoleHolder.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="roles.role_holder",
        module=_("Role profiles"),
        name=_("Who fills a role in the neighbourhood work"),
        purpose=_(
            "To show who fills a role (a person or an organisation), so that people "
            "know whom to turn to, and to plan qualification."
        ),
        legal_basis=_(
            "Art. 6 (1) (a) GDPR (the consent of the person named, which may be "
            "withdrawn at any time); before the consent only the coordination "
            "knows of the entry"
        ),
        subjects=(_("Members of the municipality and partner organisations"),),
        data=(_("Name, role, date of the consent"),),
        recipients=(
            _("Everybody (the name with the role, after consent)"),
            _("Coordination of the municipality"),
        ),
        anchor="roles",
        public=_(
            "The name appears on the role's public page only after the person (or an "
            "administrator of the organisation) has agreed on their own account."
        ),
        retention_note=_(
            "Until the holder is removed from the role or the consent is withdrawn; "
            "the entry is deleted with the account."
        ),
        in_use=_holders,
        order=95,
    ),
)

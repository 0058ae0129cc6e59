"""Processing activities of accounts (core/processing.py): accounts and roles.
Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import CONTRACT, PUBLIC_TASK, Activity, register


def _members(municipality: Municipality) -> bool:
    from quartier.accounts.models import Membership

    return Membership.objects.filter(municipality=municipality).exists()


MODULE = _("User account and sign-in")

register(
    Activity(
        key="accounts.account",
        module=MODULE,
        name=_("User accounts"),
        purpose=_(
            "So that you can sign in, take part with your account and receive the "
            "messages you asked for."
        ),
        legal_basis=CONTRACT,
        subjects=(_("Registered users"),),
        data=(
            _("E-mail address, password (stored only as a hash)"),
            _("Name shown to others, if given"),
            _("Role in the municipality, sign-in times"),
        ),
        recipients=(_("Admins of the municipality (membership and role)"),),
        anchor="accounts",
        public=_(
            "Others see only the name you choose to show (or “Member”), never your "
            "e-mail address."
        ),
        anonymous=_("The name shown to others is optional."),
        retention_note=_(
            "Until you delete your account; the account is then anonymised and "
            "what you published shows “former member”."
        ),
        in_use=_members,
        order=1,
    ),
    Activity(
        key="accounts.membership",
        module=MODULE,
        name=_("Invitations, membership requests and roles"),
        purpose=_(
            "To give people a role in the municipality (resident, partner, "
            "coordination, administration) and to invite them by e-mail."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Invited people and members of the municipality"),),
        data=(_("E-mail address, role, who invited or decided and when"),),
        recipients=(_("Admins of the municipality"),),
        anchor="accounts",
        retention_note=_(
            "Invitations expire after a few days; a role ends when the account is "
            "deleted or an admin removes it."
        ),
        in_use=_members,
        order=2,
    ),
)

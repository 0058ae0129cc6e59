"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "roles.view_roleprofile": _("View a role profile"),
        "roles.add_roleprofile": _("Add a role profile"),
        "roles.add_default_profiles": _("Add the default role profiles"),
        "roles.change_roleprofile": _("Edit a role profile"),
        "roles.view_roleholder": _("View a holder of a role"),
        "roles.add_roleholder": _("Name a holder of a role"),
        "roles.consent_roleholder": _("Decide about consent to be named with a role"),
        "roles.give_consent": _("Consent to be named with a role"),
        "roles.withdraw_consent": _("Withdraw the consent to be named with a role"),
        "roles.delete_roleholder": _("Remove a holder from a role"),
        "roles.view_qualificationoffer": _("View a qualification offer"),
        "roles.add_qualificationoffer": _("Add a qualification offer"),
        "roles.add_shared_qualificationoffer": _(
            "Add a qualification offer for all municipalities"
        ),
        "roles.change_qualificationoffer": _("Edit a qualification offer"),
    }
)

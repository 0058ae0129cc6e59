"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "initiatives.view_initiative": _("View an initiative"),
        "initiatives.add_initiative": _("Create an initiative"),
        "initiatives.change_initiative": _("Change an initiative"),
        "initiatives.change_phase": _("Change the phase of an initiative"),
        "initiatives.link_initiative": _("Link an initiative"),
        "initiatives.unlink_initiative": _("Remove a link of an initiative"),
        "initiatives.change_healthcheck": _("Change the health-in-all-policies check"),
        "initiatives.view_internals": _("View the internal details of an initiative"),
        "initiatives.follow_initiative": _("Follow an initiative"),
        "initiatives.manage_checklists": _("Change the default checklists"),
        "initiatives.view_matrix": _("View the matrix of initiatives and determinants"),
        "initiatives.view_followups": _("View the follow-ups of initiatives"),
        "initiatives.link_application": _("Link a fund application to an initiative"),
        "initiatives.save_pilot": _("Save a pilot"),
        "initiatives.conclude_pilot": _("Conclude a pilot"),
        "initiatives.add_partner": _("Add a partner to an initiative"),
        "initiatives.remove_partner": _("Remove a partner from an initiative"),
        "initiatives.add_responsibility": _("Add a responsibility to an initiative"),
        "initiatives.remove_responsibility": _(
            "Remove a responsibility from an initiative"
        ),
        "initiatives.save_adaptation": _("Save the local adaptation of an initiative"),
    }
)

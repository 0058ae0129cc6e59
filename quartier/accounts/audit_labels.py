"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "accounts.change_role": _("Change a member's role"),
        "accounts.invite": _("Invite people"),
        "accounts.join": _("Join the municipality"),
        "accounts.join_municipality": _("Join the municipality"),
        "accounts.manage_members": _("Manage members"),
        "accounts.remove_member": _("Remove a member"),
    }
)

"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "actors.add_member": _("Add a person to an organisation"),
        "actors.invite_member": _("Invite a colleague to an organisation"),
        "actors.withdraw_invitation": _("Withdraw an invitation to an organisation"),
        "actors.change_member_role": _("Change a role in an organisation"),
        "actors.remove_member": _("Remove a person from an organisation"),
        "actors.grant_partner_role": _("Partner role given on joining an organisation"),
        "actors.manage_members": _("Manage the people of an organisation"),
        "actors.view_members": _("View the people of an organisation"),
        "actors.view_actormember": _("View the people of an organisation"),
        "actors.change_actormember": _("Change a person's role in an organisation"),
        "actors.view_actorinvitation": _("View invitations to an organisation"),
        "actors.delete_actorinvitation": _("Withdraw an invitation to an organisation"),
        "actors.propose_tie": _("Propose a tie"),
        "actors.confirm_tie": _("Confirm a tie"),
        "actors.confirm_ties": _("Confirm ties of one's organisation"),
        "actors.decline_tie": _("Decline a proposed tie"),
        "actors.end_tie": _("End a tie"),
    }
)

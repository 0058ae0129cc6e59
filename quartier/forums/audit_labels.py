"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "forums.change_decision_status": _("Change a decision's status"),
        "forums.manage_forum_members": _("Manage a forum's members"),
        "forums.moderate_agenda": _("Moderate an agenda"),
        "forums.publish_agenda": _("Publish an agenda"),
        "forums.publish_minutes": _("Publish minutes"),
        "forums.register_for_meeting": _("Register for a meeting"),
        "forums.view_agendaitem_on_agenda": _("See an agenda item on the agenda"),
        "forums.write_minutes": _("Write minutes"),
        "forums.propose_meeting": _("Call a meeting as a member"),
        "forums.review_meeting": _("Approve or decline a meeting called by a member"),
        "forums.review_proposed_meetings": _("See meetings waiting for approval"),
        "forums.approve_meeting": _("Approve a meeting called by a member"),
        "forums.decline_meeting": _("Decline a meeting called by a member"),
        "forums.register_as_guest": _("Register for a meeting without an account"),
        "forums.cancel_guest_registration": _("Cancel a guest registration"),
    }
)

"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "stories.intake_story": _("Enter a story for someone"),
        "stories.moderate_story": _("Moderate a story"),
        "stories.approve_story": _("Approve a story"),
        "stories.review_story": _("Keep a story after reports"),
        "stories.reject_story": _("Reject a story"),
        "stories.view_moderation": _("View the moderation of stories"),
        "stories.manage_rounds": _("Define a Most Significant Change round"),
        "stories.close_round": _("Close a Most Significant Change round"),
        "stories.pick_story": _("Pick the most significant story"),
        "stories.report_story": _("Report a story"),
        "stories.link_story": _("Link a story to a meeting"),
    }
)

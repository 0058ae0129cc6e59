"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "participation.intake_contribution": _("Enter a contribution for someone"),
        "participation.link_contribution": _("Link a contribution"),
        "participation.manage_event_windows": _("Manage event windows"),
        "participation.manage_topics": _("Manage topics"),
        "participation.print_posters": _("Print posters"),
        "participation.respond_contribution": _("Answer a contribution"),
        "participation.tag_layers": _("Tag layers (analysis)"),
        "participation.view_moderation": _("View the moderation"),
    }
)

"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "reports.view_reports": _("View the reports"),
        "reports.add_report": _("Make a report"),
        "reports.view_report": _("View a report"),
        "reports.export_report": _("Export a report (PDF, DOCX)"),
        "reports.change_report": _("Edit the texts of a report"),
        "reports.publish_report": _("Publish a report"),
        "reports.unpublish_report": _("Withdraw a published report"),
        "reports.generate_report": _("Generate a report"),
    }
)

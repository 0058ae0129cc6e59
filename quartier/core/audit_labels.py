"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "core.apply_retention": _("Apply retention periods"),
        "core.export_processing_records": _("Download the records of processing"),
        "core.view_processing_records": _("View the records of processing"),
        "core.view_overview": _("View the overview"),
    }
)

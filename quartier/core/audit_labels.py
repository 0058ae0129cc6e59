"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "core.apply_retention": _("Apply retention periods"),
        "core.view_overview": _("View the overview"),
    }
)

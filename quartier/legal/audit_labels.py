"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "legal.view_legalpage": _("View a legal page"),
        "legal.change_legalpage": _("Edit a legal page"),
    }
)

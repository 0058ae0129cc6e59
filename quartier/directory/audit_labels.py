"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "directory.manage_services": _("Manage offerings"),
        "directory.print_directory": _("Print the directory"),
        "directory.set_service_status": _("Change an offering's status"),
        "directory.view_matrix": _("View the overlap matrix"),
    }
)

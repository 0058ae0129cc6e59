"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "opendata.view_open_data": _("Read the open data"),
        "opendata.change_settings": _("Change the open-data settings"),
    }
)

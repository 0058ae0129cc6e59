"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "operations.import_municipality": _(
            "Municipality moved here from another installation"
        ),
    }
)

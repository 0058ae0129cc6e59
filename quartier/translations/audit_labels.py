"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "translations.translate": _("Translate content"),
        "translations.view_queue": _("View the requested translations"),
        "translations.request": _("Ask for a translation"),
    }
)

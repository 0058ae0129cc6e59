"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "compass.assess_round": _("Give an assessment in a compass round"),
        "compass.field_to_agenda": _("Put a tension field on an agenda"),
        "compass.put_on_agenda": _("Put a tension field on an agenda"),
        "compass.view_comments": _("View the comments of a compass round"),
    }
)

"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "legal.view_legalpage": _("View a legal page"),
        "legal.change_legalpage": _("Edit a legal page"),
        "legal.change_accessibilitysettings": _(
            "Edit the details of the accessibility statement"
        ),
        "legal.add_accessibilityfeedback": _("Report a barrier"),
        "legal.view_accessibilityfeedback": _("Read feedback on accessibility"),
        "legal.answer_accessibilityfeedback": _("Answer feedback on accessibility"),
        "legal.change_retentionsetting": _("Change retention periods"),
    }
)

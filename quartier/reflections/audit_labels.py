"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "reflections.add_reflection": _("Add a reflection"),
        "reflections.change_reflection": _("Change a reflection"),
        "reflections.add_adaptation": _("Record an adaptation of a reflection"),
        "reflections.link_decision": _("Count the decision as an adaptation"),
        "reflections.propose_text_change": _(
            "Propose a change to a mandate, plan or rules from a reflection"
        ),
        "reflections.apply_text_change": _(
            "Apply a change to a mandate, plan or rules from a reflection"
        ),
        "reflections.drop_text_change": _(
            "Drop a proposed change to a mandate, plan or rules"
        ),
    }
)

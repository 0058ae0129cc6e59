"""Labels of this app's audit-log codes (core/audit.py finds this module)."""

from django.utils.translation import gettext_lazy as _

from quartier.core.audit import register_labels

register_labels(
    {
        "glossary.view_term": _("Read the glossary"),
        "glossary.view_leitbildversion": _("Read the Leitbild"),
        "glossary.view_proposeddefinition": _("Read a proposed definition"),
        "glossary.propose_definition": _("Propose a definition"),
        "glossary.comment_proposal": _("Comment on a proposed definition"),
        "glossary.add_term": _("Add a glossary term"),
        "glossary.adopt_definition": _("Record an agreed definition"),
        "glossary.adopt_leitbild": _("Record a Leitbild version"),
    }
)

"""Permissions of the glossary and the Leitbild (docs/permissions.md, "Glossary")."""

import rules

from quartier.core.predicates import is_coordinator, is_member

# The shared language is public: everyone reads terms, definitions and proposals.
rules.add_perm("glossary.view_term", rules.always_allow)
rules.add_perm("glossary.view_leitbildversion", rules.always_allow)
rules.add_perm("glossary.view_proposeddefinition", rules.always_allow)
# Members of the municipality propose definitions and discuss them.
rules.add_perm("glossary.propose_definition", is_member)
rules.add_perm("glossary.comment_proposal", is_member)
# The coordination adds terms and records what a forum decided (agreed versions).
rules.add_perm("glossary.add_term", is_coordinator)
rules.add_perm("glossary.adopt_definition", is_coordinator)
rules.add_perm("glossary.adopt_leitbild", is_coordinator)

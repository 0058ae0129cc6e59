"""Permissions of the legal pages (docs/permissions.md, "Legal pages")."""

import rules

from quartier.core.predicates import is_admin, is_coordinator

rules.add_perm("legal.view_legalpage", rules.always_allow)
# The municipality's own pages; the operator's default is edited in Django's admin.
rules.add_perm("legal.change_legalpage", is_admin)
# What only the municipality can say in its accessibility statement.
rules.add_perm("legal.change_accessibilitysettings", is_admin)
# Anyone may report an accessibility problem, without an account.
rules.add_perm("legal.add_accessibilityfeedback", rules.always_allow)
# The coordination reads and answers it (the reports hold names and addresses).
rules.add_perm("legal.view_accessibilityfeedback", is_coordinator)
rules.add_perm("legal.answer_accessibilityfeedback", is_coordinator)
# Retention periods within the limits of each rule (core/retention.py).
rules.add_perm("legal.change_retentionsetting", is_admin)

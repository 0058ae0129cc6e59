"""Permissions of the legal pages (docs/permissions.md, "Legal pages")."""

import rules

from quartier.core.predicates import is_admin

rules.add_perm("legal.view_legalpage", rules.always_allow)
# The municipality's own pages; the operator's default is edited in Django's admin.
rules.add_perm("legal.change_legalpage", is_admin)

"""Permissions of the accounts app (docs/permissions.md)."""

import rules

from quartier.core.predicates import is_admin

rules.add_perm("accounts.manage_members", is_admin)
rules.add_perm("accounts.view_membership", is_admin)
rules.add_perm("accounts.change_membership", is_admin)
rules.add_perm("accounts.view_invitation", is_admin)
rules.add_perm("accounts.add_invitation", is_admin)
rules.add_perm("accounts.change_invitation", is_admin)

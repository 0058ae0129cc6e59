"""Permissions of the accounts app (docs/permissions.md)."""

import rules
from rules import is_authenticated

from quartier.core.predicates import is_admin, is_coordinator, is_member

rules.add_perm("accounts.manage_members", is_admin)
rules.add_perm("accounts.view_membership", is_admin)
rules.add_perm("accounts.change_membership", is_admin)
rules.add_perm("accounts.view_invitation", is_admin)
rules.add_perm("accounts.add_invitation", is_admin)
rules.add_perm("accounts.change_invitation", is_admin)
# Membership requests (join flow, docs/accounts.md): coordinators and admins decide.
rules.add_perm("accounts.view_membershiprequest", is_coordinator)
rules.add_perm("accounts.decide_membershiprequest", is_coordinator)
# "Mitmachen": a signed-in person who is not yet a member of the municipality.
rules.add_perm("accounts.join_municipality", is_authenticated & ~is_member)

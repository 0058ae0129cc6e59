"""Permissions of the core app (docs/permissions.md)."""

import rules

from quartier.core.predicates import is_admin

rules.add_perm("core.view_municipality", rules.always_allow)
rules.add_perm("core.change_municipality", is_admin)
rules.add_perm("core.view_neighborhood", rules.always_allow)
rules.add_perm("core.add_neighborhood", is_admin)
rules.add_perm("core.change_neighborhood", is_admin)
rules.add_perm("core.view_auditentry", is_admin)
# Records of processing (Art. 30 DSGVO, core/processing.py) for the municipality's
# data protection officer.
rules.add_perm("core.view_processing_records", is_admin)
# "Meine Übersicht": every signed-in person has one; each queue checks its own
# permission (core/worklist.py).
rules.add_perm("core.view_overview", rules.is_authenticated)

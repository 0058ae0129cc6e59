"""Permissions of the hsds app (docs/permissions.md, section "Open Referral HSDS").

The read API is public (it only shows what the directory shows everyone). Imports
are for coordinators and admins of the municipality; an import job is visible to
them only.
"""

import rules

from quartier.core.predicates import is_coordinator

rules.add_perm("hsds.import", is_coordinator)
rules.add_perm("hsds.view_importjob", is_coordinator)

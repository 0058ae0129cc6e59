"""Permissions of the overlap matrix and the printable directory
(docs/permissions.md, "Angebote & Orte: overlaps, print, confirmations").

Registered when views_extra is imported (rules autodiscovery loads only rules.py).

- The overlap matrix and its CSV name providers, internal ones included: members of
  the municipality (every role) and advisers it shares with read it.
- Recording a tie from the matrix is the actors app's "actors.add_tie"
  (coordinators and admins).
- The printable directory is public: it is for places without internet.
- Confirmation links need no role: the signed link is the permission.
"""

from __future__ import annotations

import rules

from quartier.core.predicates import can_read_internal_pred

rules.set_perm("directory.view_matrix", can_read_internal_pred)
rules.set_perm("directory.print_directory", rules.always_allow)

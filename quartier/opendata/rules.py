"""Who may do what with open data (docs/permissions.md, "Open data"): everybody
reads the open-data page, the catalogue and the files; the municipality's admins
choose the licence."""

import rules

from quartier.core.predicates import is_admin

rules.add_perm("opendata.view_open_data", rules.always_allow)
rules.add_perm("opendata.change_settings", is_admin)

"""Permissions of the outreach pages (posters); imported by views_outreach."""

import rules

from quartier.core.predicates import is_coordinator

# Posters are printed and hung by the coordination; the paper form is for everyone.
if not rules.perm_exists("participation.print_posters"):
    rules.add_perm("participation.print_posters", is_coordinator)

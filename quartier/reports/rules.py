"""Permissions of reports (docs/permissions.md, "Reports").

Reports to the council and to funders are the coordination's working material:
coordinators and admins make, read, edit and export them. A report for the public
is readable by everybody once it is published, and then it no longer changes.
"""

from typing import Any

import rules

from quartier.core.predicates import is_coordinator


@rules.predicate
def is_published(user: Any, report: Any = None) -> bool:
    return bool(report is not None and getattr(report, "is_published", False))


@rules.predicate
def is_for_the_public(user: Any, report: Any = None) -> bool:
    return getattr(report, "audience", None) == "public"


@rules.predicate
def is_done(user: Any, report: Any = None) -> bool:
    return bool(getattr(report, "is_done", False))


rules.add_perm("reports.view_reports", is_coordinator)
rules.add_perm("reports.add_report", is_coordinator)
rules.add_perm("reports.view_report", is_coordinator | is_published)
rules.add_perm("reports.export_report", is_done & (is_coordinator | is_published))
rules.add_perm("reports.change_report", is_coordinator & ~is_published)
rules.add_perm(
    "reports.publish_report",
    is_coordinator & is_for_the_public & is_done & ~is_published,
)
rules.add_perm("reports.unpublish_report", is_coordinator & is_published)

"""Permissions of topics in free text (docs/permissions.md, docs/topics.md).

Clustering runs are the coordination's working material: coordinators and admins of
the municipality start them, see them and turn clusters into topics. The texts a
cluster shows are checked one by one against their own view permission
(sources.resolve).
"""

from typing import Any

import rules

from quartier.core.predicates import is_coordinator


@rules.predicate
def is_not_adopted(user: Any, cluster: Any = None) -> bool:
    """A cluster not (or no longer) turned into a topic."""
    return cluster is not None and getattr(cluster, "topic_id", None) is None


rules.add_perm("topics.view_runs", is_coordinator)
rules.add_perm("topics.start_run", is_coordinator)
rules.add_perm("topics.view_clusterrun", is_coordinator)
rules.add_perm("topics.view_cluster", is_coordinator)
rules.add_perm("topics.adopt_cluster", is_coordinator & is_not_adopted)

"""Permissions of the directory app (docs/permissions.md, section "Angebote & Orte").

- Everyone sees listed offerings (active or temporarily closed, of a public, not
  archived provider) and places that are not archived.
- Partners maintain the offerings of the actors they are members of (and the places
  those actors run); coordinators and admins maintain all of their municipality.
- Objects: a Municipality (for "add"), a Service, a Location, a TaxonomyTerm.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import can_read_internal_pred, is_coordinator, is_partner


def _actor_ids_of(user: Any) -> set[int]:
    """Ids of the actors the user is a partner member of (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_directory_actor_ids", None)
    if cached is None:
        from quartier.actors.models import ActorMember

        cached = set(
            ActorMember.objects.filter(user=user).values_list("actor_id", flat=True)
        )
        user._directory_actor_ids = cached
    return cached


def provider_of(obj: Any) -> Any:
    from quartier.directory.models import Location, Service

    if isinstance(obj, Service):
        return obj.provider
    if isinstance(obj, Location):
        return obj.owner
    return None


@rules.predicate
def is_provider_member(user: Any, obj: Any = None) -> bool:
    """A member (partner) of the actor that offers the service / runs the place."""
    from quartier.directory.models import Location, Service

    if isinstance(obj, Service):
        actor_id = obj.provider_id
    elif isinstance(obj, Location):
        actor_id = obj.owner_id
    else:
        return False
    return actor_id is not None and actor_id in _actor_ids_of(user)


@rules.predicate
def has_own_actor(user: Any, obj: Any = None) -> bool:
    """The user is a partner member of at least one actor."""
    return bool(_actor_ids_of(user))


@rules.predicate
def service_is_listed(user: Any, obj: Any = None) -> bool:
    from quartier.directory.models import PUBLIC_STATUSES

    return (
        obj is not None
        and obj.archived_at is None
        and obj.status in PUBLIC_STATUSES
        and obj.provider.archived_at is None
        and obj.provider.visibility == "public"
    )


@rules.predicate
def location_is_active(user: Any, obj: Any = None) -> bool:
    return obj is not None and obj.archived_at is None


maintains_service = is_coordinator | (is_partner & is_provider_member)

rules.add_perm("directory.view_service", service_is_listed | maintains_service)
rules.add_perm("directory.add_service", is_coordinator | (is_partner & has_own_actor))
rules.add_perm("directory.change_service", maintains_service)
rules.add_perm("directory.archive_service", maintains_service)
# Listing the services one may maintain ("Meine Angebote").
rules.add_perm(
    "directory.manage_services", is_coordinator | (is_partner & has_own_actor)
)

rules.add_perm("directory.view_location", location_is_active | maintains_service)
rules.add_perm("directory.add_location", is_coordinator | (is_partner & has_own_actor))
rules.add_perm("directory.change_location", maintains_service)
rules.add_perm("directory.archive_location", maintains_service)

rules.add_perm("directory.view_taxonomyterm", rules.always_allow)
rules.add_perm("directory.add_taxonomyterm", is_coordinator)
rules.add_perm("directory.change_taxonomyterm", is_coordinator)

# The overlap matrix and its CSV name providers, internal ones included: members of
# the municipality (every role) and advisers it shares with read it. Recording a tie
# from the matrix is the actors app's "actors.add_tie". The printable directory is
# public (it is for places without internet). Confirmation links need no role: the
# signed link is the permission.
rules.add_perm("directory.view_matrix", can_read_internal_pred)
rules.add_perm("directory.print_directory", rules.always_allow)

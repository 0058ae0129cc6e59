"""Truth-table rows of the directory (offerings and places).

In the world, the partner is a member of the actor "Träger der Angebote", which
offers one listed and one inactive offering and runs one place; another actor
offers a third offering."""

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.truth_table import Case, S, m
from quartier.directory.tests.factories import LocationFactory, ServiceFactory


def extend_world(world):
    municipality = world["municipality"]
    own = ActorFactory(municipality=municipality, name="Träger der Angebote")
    ActorMember.objects.create(actor=own, user=world["partner"])
    other = ActorFactory(municipality=municipality, name="Anderer Träger")
    place = LocationFactory(
        municipality=municipality,
        owner=own,
        is_meeting_place=True,
        meeting_place_kind="cafe",
    )
    world["directory_service"] = ServiceFactory(
        municipality=municipality, provider=own, locations=[place]
    )
    world["directory_inactive"] = ServiceFactory(
        municipality=municipality, provider=own, status="inactive"
    )
    world["directory_foreign"] = ServiceFactory(
        municipality=municipality, provider=other
    )
    world["directory_place"] = place


def service(w):
    return {**m(w), "pk": w["directory_service"].pk}


def inactive(w):
    return {**m(w), "pk": w["directory_inactive"].pk}


def foreign(w):
    return {**m(w), "pk": w["directory_foreign"].pk}


def place(w):
    return {**m(w), "pk": w["directory_place"].pk}


EVERYONE = S(200, 200, 200, 200, 200, 200)
MAINTAINERS_GET = S(302, 403, 200, 200, 200, 403)
STAFF_GET = S(302, 403, 403, 200, 200, 403)
MAINTAINERS_POST = S(403, 403, 302, 302, 302, 403)
STAFF_POST = S(403, 403, 403, 302, 302, 403)

CASES = [
    Case("directory:list", EVERYONE, kwargs=m),
    Case("directory:manage", MAINTAINERS_GET, kwargs=m),
    Case("directory:terms", MAINTAINERS_GET, kwargs=m),
    Case(
        "directory:terms",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=m,
        data={"taxonomy": "topic", "name": "Digitales"},
        label="add a term",
    ),
    Case("directory:service_new", MAINTAINERS_GET, kwargs=m),
    Case("directory:service", EVERYONE, kwargs=service, label="listed"),
    Case(
        "directory:service",
        S(404, 404, 200, 200, 200, 404),
        kwargs=inactive,
        label="inactive, partner's own",
    ),
    Case("directory:service_edit", MAINTAINERS_GET, kwargs=service, label="own"),
    Case("directory:service_edit", STAFF_GET, kwargs=foreign, label="other actor's"),
    Case(
        "directory:service_status",
        MAINTAINERS_POST,
        "post",
        kwargs=service,
        data={"status": "temporarily closed"},
    ),
    Case(
        "directory:service_status",
        STAFF_POST,
        "post",
        kwargs=foreign,
        data={"status": "temporarily closed"},
        label="other actor's",
    ),
    Case("directory:service_archive", MAINTAINERS_POST, "post", kwargs=service),
    Case(
        "directory:service_archive",
        STAFF_POST,
        "post",
        kwargs=foreign,
        label="other actor's",
    ),
    Case("directory:service_confirm", MAINTAINERS_POST, "post", kwargs=service),
    Case("directory:locations", EVERYONE, kwargs=m),
    Case("directory:meeting_places", EVERYONE, kwargs=m),
    Case("directory:location", EVERYONE, kwargs=place),
    Case("directory:location_new", MAINTAINERS_GET, kwargs=m),
    Case("directory:location_edit", MAINTAINERS_GET, kwargs=place),
    Case("directory:location_archive", MAINTAINERS_POST, "post", kwargs=place),
]

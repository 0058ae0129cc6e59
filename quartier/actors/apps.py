from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "quartier.actors"
    label = "actors"
    verbose_name = _("Actors")

    def ready(self) -> None:
        from quartier.actors.models import Actor
        from quartier.core.modules import NEIGHBORHOOD_SECTIONS, NeighborhoodSection

        def actors_here(request, neighborhood):  # type: ignore[no-untyped-def]
            actors = (
                Actor.objects.visible_to(request.user, request.municipality)
                .active()
                .filter(neighborhoods=neighborhood)
                .only("id", "name", "kind", "municipality_id")
            )
            return {"actors": actors}

        NEIGHBORHOOD_SECTIONS.append(
            NeighborhoodSection("actors/_neighborhood_section.html", actors_here)
        )
        from quartier.actors.worklist import register as register_worklist

        register_worklist()
        from quartier.actors.retention import register as register_retention

        register_retention()

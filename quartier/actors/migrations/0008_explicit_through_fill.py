"""Fill the municipality key of the actors' many-to-many rows and of their history
rows from the actor (history rows: from the actor's history row, else the actor)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("ActorSector", ("actor",)),
    ("ActorNeighborhood", ("actor",)),
    ("HistoricalActor_sectors", ("history", "actor")),
    ("HistoricalActor_neighborhoods", ("history", "actor")),
]


fill = fill_from_parents("actors", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("actors", "0007_explicit_through_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

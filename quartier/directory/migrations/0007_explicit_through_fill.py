"""Fill the municipality key of the offerings' many-to-many rows and of their history
rows from the offering (history rows: from the offering's history row, else the
offering)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("ServiceTerm", ("service",)),
    ("ServiceNeighborhood", ("service",)),
    ("HistoricalService_terms", ("history", "service")),
    ("HistoricalService_neighborhoods", ("history", "service")),
]


fill = fill_from_parents("directory", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_explicit_through_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

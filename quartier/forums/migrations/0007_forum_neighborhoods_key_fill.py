"""Fill the municipality key of the forums' neighbourhood rows from their forum
(one UPDATE with a subquery, SQLite and PostgreSQL; core/migration_fill.py)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

fill = fill_from_parents("forums", [("ForumNeighborhood", ("forum",))])


class Migration(migrations.Migration):
    dependencies = [("forums", "0006_forum_neighborhoods_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

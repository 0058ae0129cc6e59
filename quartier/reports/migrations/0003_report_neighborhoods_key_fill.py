"""Fill the municipality key of the reports' neighbourhood rows from their report
(one UPDATE with a subquery per table, SQLite and PostgreSQL; core/migration_fill.py)."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

# Child model, parent fields tried in order (the first one that is set).
CHILDREN = [
    ("ReportNeighborhood", ("report",)),
]

fill = fill_from_parents("reports", CHILDREN)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_report_neighborhoods_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

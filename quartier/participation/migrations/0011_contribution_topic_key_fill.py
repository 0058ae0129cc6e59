"""Fill the municipality key of the contributions' topic rows from the contribution
(core/migration_fill.py); 0010 added the column, 0012 makes it NOT NULL."""

from django.db import migrations

from quartier.core.migration_fill import fill_from_parents

fill = fill_from_parents("participation", [("ContributionTopic", ("contribution",))])


class Migration(migrations.Migration):
    dependencies = [("participation", "0010_contribution_topic_key_expand")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

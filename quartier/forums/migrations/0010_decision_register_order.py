"""An index in the decisions register's order (decided on, number, id within the
municipality): the register reads a page from it, backwards, instead of sorting
every decision of the municipality (docs/benchmarks.md, issue 19)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forums", "0009_pending_notification_message")]

    operations = [
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                fields=["municipality", "decided_on", "number", "id"],
                name="decision_register_order",
            ),
        ),
    ]

"""An index in a forum's meeting order (forum, start, id within the municipality):
the forum's page reads a page of its upcoming or past meetings from it instead of
sorting all of them (docs/benchmarks.md, issue 19)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forums", "0010_decision_register_order")]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                fields=["municipality", "forum", "starts_at", "id"],
                name="meeting_forum_order",
            ),
        ),
    ]

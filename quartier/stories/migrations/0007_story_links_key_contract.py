"""The contract step of the stories' initiative and meeting rows' municipality key
(docs/operations.md, "Upgrades"): NOT NULL, and the unique pair of each table Django
had created is widened to (municipality, …, …)."""

import django.db.models.deletion
from django.db import migrations, models

ZERO_DOWNTIME = (
    "contract: the key is filled in every row by 0006 and written by the code "
    "(TenantChild) since 0005; roll out the code before this migration"
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("stories", "0006_story_links_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="storyinitiative",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterUniqueTogether(name="storyinitiative", unique_together=set()),
        migrations.AddConstraint(
            model_name="storyinitiative",
            constraint=models.UniqueConstraint(
                fields=("municipality", "story", "initiative"),
                name="story_initiative_once",
            ),
        ),
        migrations.AlterField(
            model_name="storymeeting",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterUniqueTogether(name="storymeeting", unique_together=set()),
        migrations.AddConstraint(
            model_name="storymeeting",
            constraint=models.UniqueConstraint(
                fields=("municipality", "story", "meeting"),
                name="story_meeting_once",
            ),
        ),
    ]

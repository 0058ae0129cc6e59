"""The contract step of the forums' neighbourhood rows' municipality key
(docs/operations.md, "Upgrades"): NOT NULL, and the unique pair of the table Django
had created is widened to (municipality, forum, neighborhood)."""

import django.db.models.deletion
from django.db import migrations, models

ZERO_DOWNTIME = (
    "contract: the key is filled in every row by 0007 and written by the code "
    "(TenantChild) since 0006; roll out the code before this migration"
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("forums", "0007_forum_neighborhoods_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="forumneighborhood",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterUniqueTogether(name="forumneighborhood", unique_together=set()),
        migrations.AddConstraint(
            model_name="forumneighborhood",
            constraint=models.UniqueConstraint(
                fields=("municipality", "forum", "neighborhood"),
                name="forum_neighborhood_once",
            ),
        ),
    ]

"""The contract step of the goals' initiative rows and their history' municipality key
(docs/operations.md, "Upgrades"): NOT NULL, and the unique pair of each table Django
had created is widened to (municipality, …, …)."""

import django.db.models.deletion
from django.db import migrations, models

ZERO_DOWNTIME = (
    "contract: the key is filled in every row by 0004 and written by the code "
    "(TenantChild) since 0003; roll out the code before this migration"
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("impact", "0004_goal_initiatives_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="goalinitiative",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterUniqueTogether(name="goalinitiative", unique_together=set()),
        migrations.AddConstraint(
            model_name="goalinitiative",
            constraint=models.UniqueConstraint(
                fields=("municipality", "goal", "initiative"),
                name="goal_initiative_once",
            ),
        ),
    ]

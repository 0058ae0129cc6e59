"""The contract step of the reports' neighbourhood rows' municipality key
(docs/operations.md, "Upgrades"): NOT NULL, and the unique pair of each table Django
had created is widened to (municipality, …, …)."""

import django.db.models.deletion
from django.db import migrations, models

ZERO_DOWNTIME = (
    "contract: the key is filled in every row by 0003 and written by the code "
    "(TenantChild) since 0002; roll out the code before this migration"
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("reports", "0003_report_neighborhoods_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reportneighborhood",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="reportneighborhood", unique_together=set()
        ),
        migrations.AddConstraint(
            model_name="reportneighborhood",
            constraint=models.UniqueConstraint(
                fields=("municipality", "report", "neighborhood"),
                name="report_neighborhood_once",
            ),
        ),
    ]

"""An explicit through model (ReportNeighborhood) that carries the municipality key
(core/tenancy.py): the expand step.

The table Django had created for the field stays, with its rows and its two
columns; only the migration state learns the model (SeparateDatabaseAndState).
The key is added as a nullable column; 0003 fills it from the report, 0004 makes
it NOT NULL and swaps the unique pair for (municipality, …).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportNeighborhood",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="reports.report",
                            ),
                        ),
                        (
                            "neighborhood",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="core.neighborhood",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "neighbourhood",
                        "verbose_name_plural": "neighbourhoods",
                        "db_table": "reports_report_neighborhoods",
                        # The unique pair of the table Django created.
                        "unique_together": {("report", "neighborhood")},
                    },
                ),
                migrations.AlterField(
                    model_name="report",
                    name="neighborhoods",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="None chosen: the whole municipality.",
                        related_name="+",
                        through="reports.ReportNeighborhood",
                        to="core.neighborhood",
                        verbose_name="neighbourhoods",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="reportneighborhood",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
    ]

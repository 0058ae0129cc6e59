"""`Contribution.topics` gets an explicit through model (ContributionTopic), so that
its rows can carry the municipality key (core/tenancy.py; issue 18).

State only: the model describes the table Django created for the many-to-many
field — same name, same columns, same unique pair — so the database keeps the table
and its rows. The next three migrations add, fill and require the key.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0008_municipality_key_contract"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContributionTopic",
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
                            "contribution",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="participation.contribution",
                            ),
                        ),
                        (
                            "topic",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="participation.topic",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "topic",
                        "verbose_name_plural": "topics",
                        "db_table": "participation_contribution_topics",
                        "unique_together": {("contribution", "topic")},
                    },
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="topics",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="contributions",
                        through="participation.ContributionTopic",
                        to="participation.topic",
                        verbose_name="topics",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]

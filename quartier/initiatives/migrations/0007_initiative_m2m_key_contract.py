"""The contract step of the initiatives' neighbourhood, topic and target group rows' municipality key
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
        ("initiatives", "0006_initiative_m2m_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiativeneighborhood",
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
            name="initiativeneighborhood", unique_together=set()
        ),
        migrations.AddConstraint(
            model_name="initiativeneighborhood",
            constraint=models.UniqueConstraint(
                fields=("municipality", "initiative", "neighborhood"),
                name="initiative_neighborhood_once",
            ),
        ),
        migrations.AlterField(
            model_name="initiativetopic",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterUniqueTogether(name="initiativetopic", unique_together=set()),
        migrations.AddConstraint(
            model_name="initiativetopic",
            constraint=models.UniqueConstraint(
                fields=("municipality", "initiative", "taxonomyterm"),
                name="initiative_topic_once",
            ),
        ),
        migrations.AlterField(
            model_name="initiativetargetgroup",
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
            name="initiativetargetgroup", unique_together=set()
        ),
        migrations.AddConstraint(
            model_name="initiativetargetgroup",
            constraint=models.UniqueConstraint(
                fields=("municipality", "initiative", "taxonomyterm"),
                name="initiative_target_group_once",
            ),
        ),
    ]

import django.db.models.deletion
from django.db import migrations, models

# The contract step of the municipality key (docs/operations.md, "Upgrades"): 0011
# filled every row, and the code writes the key since 0010 (ContributionTopic is a
# quartier.core.tenancy.TenantChild). The unique pair of the old auto table is
# widened to include the key only now, when no row can escape it with an empty key.
ZERO_DOWNTIME = (
    "contract: the key is filled in every row and written by the code since "
    "the expand migration; roll out the code before this migration"
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_municipality_sharing_by_grant"),
        ("participation", "0011_contribution_topic_key_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contributiontopic",
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
            name="contributiontopic",
            unique_together=set(),
        ),
        migrations.AddConstraint(
            model_name="contributiontopic",
            constraint=models.UniqueConstraint(
                fields=("municipality", "contribution", "topic"),
                name="contribution_topic_once",
            ),
        ),
    ]

"""Stored counters of supports and comments on the contribution (issue 19;
participation/counters.py), filled from the rows they count, and the index of the
public list's "most supported" order.

The columns have a database default (0), so the previous release's code, which does
not name them, still inserts contributions during a rolling upgrade; `quartier
check_counters --fix` recounts what it wrote meanwhile."""

from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Contribution = apps.get_model("participation", "Contribution")
    Support = apps.get_model("participation", "Support")
    Comment = apps.get_model("participation", "Comment")

    def counted(model, condition):
        rows = (
            model.objects.filter(condition, contribution=OuterRef("pk"))
            .order_by()
            .values("contribution")
            .annotate(n=Count("id"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    Contribution.objects.update(
        support_count=counted(Support, Q(confirmed_at__isnull=False)),
        comment_count=counted(Comment, Q(moderation="approved", is_hidden=False)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0012_contribution_topic_key_contract"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="comment_count",
            field=models.PositiveIntegerField(
                db_default=0, default=0, editable=False, verbose_name="comments"
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="support_count",
            field=models.PositiveIntegerField(
                db_default=0, default=0, editable=False, verbose_name="supports"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(
                fields=[
                    "municipality",
                    "moderation",
                    "-support_count",
                    "-created_at",
                    "-id",
                ],
                name="contribution_public_supported",
            ),
        ),
    ]

"""The five tension fields of the seed for every municipality that exists already
(new ones get them from the post_save signal in apps.py)."""

from django.db import migrations


def create(apps, schema_editor):
    from quartier.compass.models import DEFAULT_FIELDS

    Municipality = apps.get_model("core", "Municipality")
    TensionField = apps.get_model("compass", "TensionField")
    for municipality in Municipality.objects.all():
        existing = set(
            TensionField.objects.filter(municipality=municipality).values_list(
                "name", flat=True
            )
        )
        TensionField.objects.bulk_create(
            TensionField(municipality=municipality, order=(i + 1) * 10, **spec)
            for i, spec in enumerate(DEFAULT_FIELDS)
            if spec["name"] not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("compass", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

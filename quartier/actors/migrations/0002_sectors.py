"""The nine sectors of PRODUCT.md. Names are English msgids, shown through gettext."""

from django.db import migrations

SECTORS = [
    ("verwaltung", "Administration"),
    ("politik", "Politics"),
    ("zivilgesellschaft", "Civil society"),
    ("gesundheitswesen", "Health care"),
    ("soziales", "Social services"),
    ("bildung", "Education"),
    ("wohnungswirtschaft", "Housing"),
    ("wirtschaft", "Business"),
    ("bewohnerinnen", "Residents"),
]


def create(apps, schema_editor):
    Sector = apps.get_model("actors", "Sector")
    for position, (code, name) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

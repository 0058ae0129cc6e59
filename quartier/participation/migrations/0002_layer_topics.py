"""The five Dahlgren–Whitehead layers as topics of every existing municipality
(new ones get them from a post_save signal, quartier/participation/signals.py)."""

from django.db import migrations

LAYER_SLUGS = {
    1: "individual",
    2: "lifestyle",
    3: "networks",
    4: "living-conditions",
    5: "socio-economic",
}


def create(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    Topic = apps.get_model("participation", "Topic")
    for municipality in Municipality.objects.all():
        for layer, slug in LAYER_SLUGS.items():
            Topic.objects.get_or_create(
                municipality=municipality, layer=layer, defaults={"slug": slug}
            )


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

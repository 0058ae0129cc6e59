from django.apps import AppConfig


class EasyreadConfig(AppConfig):
    name = "quartier.easyread"
    label = "easyread"
    verbose_name = "Leichte Sprache"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world (seed_demo) and the benchmark data set (seed_bench).

    It sits on top of every other app, so it may import all of them.
    """

    name = "quartier.demo"
    label = "demo"
    verbose_name = "Demo"

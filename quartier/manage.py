"""Entry point of the `quartier` console script: Django's manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

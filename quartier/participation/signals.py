"""Every municipality gets the five Dahlgren–Whitehead layers as topics."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from quartier.core.models import Municipality


@receiver(post_save, sender=Municipality, dispatch_uid="participation_layer_topics")
def create_topics(
    sender: Any, instance: Municipality, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        from quartier.participation.models import create_layer_topics

        create_layer_topics(instance)

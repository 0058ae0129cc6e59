"""Seeds the languages of the Bahnhofsviertel from `data/translations.yaml`: twenty
contributions written in Turkish, Arabic, Ukrainian and Russian, half of them with a
German translation by the volunteer translator, two of them with the coordinator's German
answer translated into the writer's language (uebersetzung@musterstadt.example,
a login of people.yaml), and the offerings of the Gesundheitskiosk Bahnhofsviertel
in four languages besides German (issue 20, docs/languages.md).

Contributions are found by their title and translations by (object, field,
language), so a second run changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.core.models import Neighborhood
from quartier.demo import records
from quartier.directory.models import Service, ServiceLanguage, stable_uuid
from quartier.participation.models import (
    Comment,
    Contribution,
    Moderation,
    StatusChange,
)
from quartier.translations.models import ContentTranslation


def _translate(
    obj: models.Model,
    language: str,
    texts: dict[str, str],
    translator: Any,
    summary: records.Summary,
) -> None:
    content_type = ContentType.objects.get_for_model(obj)
    for field, text in texts.items():
        records.upsert(
            ContentTranslation,
            {
                "content_type": content_type,
                "object_id": str(obj.pk),
                "field": field,
                "language": language,
            },
            {
                "municipality": obj.municipality,  # type: ignore[attr-defined]
                "text": text.strip(),
                "translator": translator,
            },
            summary,
            "translation",
        )


def _contribution(
    spec: dict[str, Any], municipality: Any, neighborhood: Any, today: Any
) -> tuple[Contribution, bool]:
    existing = Contribution.objects.of(municipality).filter(title=spec["title"]).first()
    if existing is not None:
        return existing, False
    written = records.moment(spec["written"], today)
    contribution = Contribution.objects.create(
        municipality=municipality,
        kind=spec["kind"],
        title=spec["title"],
        text=spec["text"].strip(),
        neighborhood=neighborhood,
        address=spec["address"],
        language=spec["language"],
        channel="online",
        author_name=spec["author"],
        moderation="approved",
    )
    StatusChange.objects.create(contribution=contribution, new_status="received")
    Contribution.objects.filter(pk=contribution.pk).update(created_at=written)
    StatusChange.objects.filter(contribution=contribution).update(changed_at=written)
    return contribution, True


def _comment(
    contribution: Contribution,
    spec: dict[str, Any],
    today: Any,
    summary: records.Summary,
) -> Comment:
    """A coordinator's answer in German, found again by its text."""
    text = spec["text"].strip()
    comment = Comment.objects.filter(contribution=contribution, text=text).first()
    if comment is not None:
        summary.add("comment", "unchanged")
        return comment
    comment = Comment.objects.create(
        municipality=contribution.municipality,
        contribution=contribution,
        author=User.objects.get(email=spec["author"]),
        text=text,
        moderation=Moderation.APPROVED,
    )
    Comment.objects.filter(pk=comment.pk).update(
        created_at=records.moment(spec["written"], today)
    )
    summary.add("comment", "created")
    return comment


def load(summary: records.Summary) -> None:
    data = records.read("translations")
    municipality = records.get_municipality(data["municipality"])
    neighborhood = Neighborhood.objects.get(
        municipality=municipality, slug=data["neighborhood"]
    )
    translator = User.objects.get(email=data["translator"])
    today = timezone.localdate()
    for spec in data["contributions"]:
        contribution, created = _contribution(spec, municipality, neighborhood, today)
        summary.add("contribution", "created" if created else "unchanged")
        if "german" in spec:
            _translate(contribution, "de", spec["german"], translator, summary)
        for answer in spec.get("comments", []):
            comment = _comment(contribution, answer, today, summary)
            for language, text in answer["translations"].items():
                _translate(comment, language, {"text": text}, translator, summary)

    kiosk = data["kiosk"]
    provider = Actor.objects.get(municipality=municipality, name=kiosk["actor"])
    for offering in kiosk["offerings"]:
        service_id = stable_uuid("demo-service", municipality.slug, offering["name"])
        service = records.upsert(
            Service,
            {"id": service_id},
            {
                "municipality": municipality,
                "provider": provider,
                "name": offering["name"],
                "description": offering["description"].strip(),
                "free_of_charge": True,
                "last_confirmed_at": today,
            },
            summary,
            "offering",
        )
        for code in kiosk["languages"]:
            ServiceLanguage.objects.get_or_create(
                service=service,
                code=code,
                defaults={"id": stable_uuid("demo-lang", service_id, code)},
            )
        for language, texts in offering["translations"].items():
            _translate(service, language, texts, translator, summary)

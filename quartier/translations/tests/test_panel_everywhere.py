"""Every translatable kind shows its translations on its public page: the reading
panel ({% content_translations obj %}) with the chosen translation marked
"Übersetzung" and who made it (issue 20); a kind shown in a list on another page
(`inline`: a contribution's comments) shows it under each item
({% inline_translations %}), open for `?lang=xx`. Walks the registry, so a kind
registered later without the panel on its page fails here until its page has it
(and this file knows how to make one of its objects).

The panel fetches the translations once per page: a page with translations into
two languages costs no more queries than a page with one.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.directory.tests.factories import LocationFactory, ServiceFactory
from quartier.forums.tests.factories import ForumFactory, MeetingFactory
from quartier.funds.tests.factories import CallFactory, FundFactory
from quartier.participation.tests.factories import (
    CommentFactory,
    ContributionFactory,
)
from quartier.stories.tests.factories import StoryFactory
from quartier.translations import registry, services

# How to make a public object of each kind in the municipality.
MAKERS = {
    "core.municipality": lambda m: m,
    "directory.location": lambda m: LocationFactory(municipality=m),
    "directory.service": lambda m: ServiceFactory(municipality=m),
    "forums.forum": lambda m: ForumFactory(municipality=m),
    "forums.meeting": lambda m: MeetingFactory(forum=ForumFactory(municipality=m)),
    "funds.call": lambda m: CallFactory(fund=FundFactory(municipality=m)),
    "participation.contribution": lambda m: ContributionFactory(
        municipality=m, language="tr"
    ),
    "stories.story": lambda m: StoryFactory(municipality=m),
    "participation.comment": lambda m: CommentFactory(
        contribution=ContributionFactory(municipality=m)
    ),
}


def _languages_besides(original: str) -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != original]


@pytest.mark.django_db
def test_every_translatable_kind_shows_its_translation_on_its_page(
    client, municipality
):
    translator = UserFactory(display_name="Oksana T.")
    MembershipFactory(user=translator, municipality=municipality, role="translator")
    kinds = registry.kinds()
    assert kinds
    missing = {k.key for k in kinds} - set(MAKERS)
    assert not missing, f"say in MAKERS how to make an object of {missing}"
    failures = []
    for kind in kinds:
        obj = MAKERS[kind.key](municipality)
        first, second = _languages_besides(kind.original_language(obj))[:2]
        texts = {
            name: f"<p>{kind.key} {name} in {first}</p>"
            if name in kind.rich_fields
            else f"{kind.key} {name} in {first}"
            for name in kind.fields
        }
        services.translation_save(by=translator, obj=obj, language=first, texts=texts)
        page = kind.url_of(obj)
        with CaptureQueriesContext(connection) as one_language:
            response = client.get(page, {"lang": first})
        html = response.content.decode()
        if response.status_code != 200:
            failures.append(f"{kind.key}: {page} answered {response.status_code}")
            continue
        for name in kind.fields:
            if f"{kind.key} {name} in {first}" not in html:
                failures.append(f"{kind.key}: {page}?lang={first} lacks its {name}")
        if "<strong>Übersetzung</strong>" not in html or "Oksana T." not in html:
            failures.append(f"{kind.key}: {page} does not mark the translation")
        if kind.inline:
            model_name = kind.model._meta.model_name
            shown = f'id="q-translation-{model_name}-{obj.pk}-{first}" open'
            if shown not in html:
                failures.append(f"{kind.key}: {page}?lang={first} keeps it closed")
        elif f'href="{page}?lang={first}#q-translation"' not in html:
            failures.append(f"{kind.key}: {page} has no switch to {first}")
        # A second language: the page fetches the translations still once.
        services.translation_save(
            by=translator,
            obj=obj,
            language=second,
            texts={name: f"{kind.key} {name} in {second}" for name in kind.fields},
        )
        with CaptureQueriesContext(connection) as two_languages:
            response = client.get(page, {"lang": second})
        assert f"{kind.key} {kind.fields[0]} in {second}" in response.content.decode()
        if len(two_languages) > len(one_language):
            failures.append(
                f"{kind.key}: {len(one_language)} queries with one translation, "
                f"{len(two_languages)} with two"
            )
    assert not failures, "\n".join(failures)

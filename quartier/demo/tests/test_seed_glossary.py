"""The demo's glossary: 15 terms, agreed definitions adopted by forum decisions,
two versions of "Sozialraum", disputed proposals on two terms, a Leitbild in two
versions; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.core.models import Municipality
from quartier.glossary.models import (
    AgreedDefinition,
    LeitbildVersion,
    ProposalComment,
    ProposedDefinition,
    Term,
)

pytestmark = pytest.mark.django_db


def test_the_glossary_demo_and_its_idempotent_second_run(demo_world, client):
    musterstadt = Municipality.objects.get(slug="musterstadt")
    terms = Term.objects.of(musterstadt)
    assert terms.count() == 15
    sozialraum = terms.get(slug="sozialraum")
    versions = list(sozialraum.agreed_versions.all())
    assert len(versions) == 2 and versions[0].valid_from > versions[1].valid_from
    assert sozialraum.current_definition == versions[0]
    disputed = terms.filter(proposals__comments__isnull=False).distinct()
    assert disputed.count() == 2
    assert LeitbildVersion.objects.filter(municipality=musterstadt).count() == 2
    models = [
        Term,
        AgreedDefinition,
        ProposedDefinition,
        ProposalComment,
        LeitbildVersion,
    ]
    before = [m.objects.count() for m in models]
    call_command("seed_demo", stdout=StringIO())
    assert [m.objects.count() for m in models] == before
    page = client.get(versions[0].decision.get_absolute_url()).content.decode()
    assert 'class="kern-link q-term"' in page

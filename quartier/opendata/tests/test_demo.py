"""Open data of the demo: Musterstadt's open-data page shows every dataset with
data, and no file of any dataset nor the catalogue names a person of the demo
(accounts, guests, contact persons, applicants, forum contacts) or holds an
e-mail address other than the municipality's functional open-data contact."""

import re

import pytest

from quartier.core import open_datasets as od
from quartier.core.models import Municipality
from quartier.demo.tests.conftest import demo_world_of_module  # noqa: F401 - the fixture
from quartier.opendata.catalog import file_url
from quartier.opendata.models import OpenDataSettings

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _people():
    """(names, e-mail addresses) of every person the demo holds."""
    from quartier.accounts.models import User
    from quartier.actors.models import Actor
    from quartier.directory.models import Contact
    from quartier.forums.models import Forum
    from quartier.funds.models import Application
    from quartier.participation.models import Contribution

    names = set(User.objects.values_list("display_name", flat=True))
    emails = set(User.objects.values_list("email", flat=True))
    for name, email in Contribution.objects.values_list("author_name", "author_email"):
        names.add(name)
        emails.add(email)
    for name, email in Contact.objects.values_list("name", "email"):
        names.add(name)
        emails.add(email)
    names |= set(Application.objects.values_list("contact_name", flat=True))
    names |= set(Forum.objects.values_list("contact_name", flat=True))
    # A contact field may hold an organisation ("Bürgerverein Altstadt e.V."):
    # organisations are no persons and are named in open data.
    names -= set(Actor.objects.values_list("name", flat=True))
    return {n for n in names if n and len(n) > 3}, {e for e in emails if e}


def test_the_page_shows_every_dataset_with_demo_data(demo_world_of_module, client):  # noqa: F811
    municipality = Municipality.objects.get(slug="musterstadt")
    html = client.get("/musterstadt/open-data/").content.decode()
    for dataset in od.datasets():
        assert str(dataset.title) in html
        assert dataset.last_change(municipality) is not None, dataset.key
    assert "Noch keine Daten" not in html
    assert "Quartiersmanagement Sonnenberg" in html  # the seeded attribution


def test_no_demo_person_in_any_file_or_the_catalogue(demo_world_of_module, client):  # noqa: F811
    municipality = Municipality.objects.get(slug="musterstadt")
    names, emails = _people()
    assert len(names) > 10 and len(emails) > 10
    allowed = {OpenDataSettings.for_(municipality).contact}
    urls = [
        file_url(municipality, dataset, dist)
        for dataset in od.datasets()
        for dist in dataset.distributions
    ]
    urls += [
        "/musterstadt/open-data/catalog.jsonld",
        "/musterstadt/open-data/catalog.rdf",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        assert len(text) > 500, url  # real rows, not an empty file
        leaked = sorted(n for n in names if n in text)
        assert leaked == [], f"{url}: {leaked}"
        assert sorted(set(EMAIL.findall(text)) - allowed) == [], url

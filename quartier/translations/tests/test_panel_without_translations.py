"""The panel of an object without translations (most objects) asks one small
query whether there is any, and reads the translations only when there are; a
translation saved elsewhere shows on the next request (nothing is kept).
translations/reading.py, has_translations; docs/benchmarks.md."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.translations import services


def _full_reads(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if '"translations_contenttranslation"."text"' in q["sql"]
    ]


def test_a_home_without_translations_skips_the_full_read_and_shows_a_new_one_at_once(
    client_for, resident, municipality
):
    client = client_for(resident)
    client.get("/musterstadt/")
    with CaptureQueriesContext(connection) as queries:
        before = client.get("/musterstadt/")
    assert before.status_code == 200
    assert not _full_reads(queries)
    assert "?lang=tr" not in before.content.decode()

    translator = UserFactory(display_name="Oksana T.")
    MembershipFactory(user=translator, municipality=municipality, role="translator")
    services.translation_save(
        by=translator,
        obj=municipality,
        language="tr",
        texts={"description": "<p>Mahallemiz</p>"},
    )

    with CaptureQueriesContext(connection) as queries:
        after = client.get("/musterstadt/?lang=tr")
    assert _full_reads(queries)
    page = after.content.decode()
    assert "?lang=tr" in page
    assert "Mahallemiz" in page

"""Benchmark data of the Fachberatung (`quartier seed_bench`): the demo's advisory
organisation receives every shareable module of `count` municipalities (Musterstadt
and the bench municipalities), so that its dashboard shows `count` cards with every
module's summary and the comparisons across them (docs/advisers.md, "Speed")."""

from __future__ import annotations

import datetime

from django.utils import timezone

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("adviser dashboard (adviser login)", "/advisers/"),
]

ADVISER = "beratung@land.example"


def deep_path(label: str, path: str, municipality: Municipality, page: int) -> str:
    """The dashboard's deepest page (bench/query_counts.py's "page 500" column): its
    municipalities are shown dashboard.PAGE_SIZE at a time, so with 100 the last page
    is page 5; the keyset cursor behind the last row of the page before it, as the
    "next" links reach it. Empty for other pages or when everything fits on one."""
    from quartier.accounts.models import User
    from quartier.advisers import dashboard
    from quartier.core.pagination import encode_cursor

    if label != BENCH_PAGES[0][0]:
        return ""
    adviser = User.objects.filter(email=ADVISER).first()
    if adviser is None:
        return ""
    rows = dashboard.sharing_municipalities(adviser).order_by("name", "id")
    total = rows.count()
    last = min(page, -(-total // dashboard.PAGE_SIZE))
    if last < 2:
        return ""
    before = rows[(last - 1) * dashboard.PAGE_SIZE - 1]
    return f"{path}?after={encode_cursor(before, dashboard.CARD_ORDER)}"


def seed_bench(municipality: Municipality, count: int) -> None:
    from quartier.advisers.models import AdvisoryOrganisation, SharingGrant
    from quartier.core.sharing import shared_modules

    organisation = AdvisoryOrganisation.objects.filter(members__email=ADVISER).first()
    if organisation is None:  # seed_demo was not run
        return
    today = timezone.localdate()
    places = [municipality] + list(
        Municipality.objects.exclude(pk=municipality.pk).order_by("pk")[: count - 1]
    )
    taken = set(
        SharingGrant.objects.filter(organisation=organisation).values_list(
            "municipality_id", "module_key"
        )
    )
    SharingGrant.objects.bulk_create(
        [
            SharingGrant(
                municipality=place,
                organisation=organisation,
                module_key=module.key,
                purpose="Begleitung im Landesprogramm Gesunde Quartiere",
                starts_on=today - datetime.timedelta(days=30),
                ends_on=today + datetime.timedelta(days=335),
                legal_basis="Kooperationsvereinbarung nach Art. 6 Abs. 1 lit. e DSGVO",
            )
            for place in places
            for module in shared_modules()
            if (place.pk, module.key) not in taken
        ]
    )

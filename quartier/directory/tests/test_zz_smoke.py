import pytest
from quartier.directory.tests.factories import *
from quartier.actors.models import ActorMember


def test_smoke(municipality, partner, coordinator, client_for, neighborhood):
    loc = LocationFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        is_meeting_place=True,
        meeting_place_kind="cafe",
    )
    s = ServiceFactory(
        municipality=municipality,
        name="Sportgruppe für Ältere",
        terms=[term(municipality, "bewegung")],
        languages=["de", "tr"],
        locations=[loc],
    )
    ScheduleFactory(service=s)
    ContactFactory(service=s)
    c = client_for(None)
    for url in [
        "/musterstadt/directory/",
        "/musterstadt/directory/?q=Sport",
        "/musterstadt/directory/?q=Bewegung&open_now=on&language=tr&neighborhood=sonnenberg",
        s.get_absolute_url(),
        loc.get_absolute_url(),
        "/musterstadt/directory/places/",
        "/musterstadt/directory/places/meeting/",
    ]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
    r = c.get("/musterstadt/directory/?q=Sport")
    assert "Sportgruppe" in r.content.decode()
    r = c.get("/musterstadt/directory/?q=Bewegung")
    assert "Sportgruppe" in r.content.decode()
    c = client_for(coordinator)
    for url in [
        "/musterstadt/directory/manage/",
        "/musterstadt/directory/terms/",
        "/musterstadt/directory/offerings/new/",
        f"{s.get_absolute_url()}edit/",
        "/musterstadt/directory/places/new/",
        f"{loc.get_absolute_url()}edit/",
        s.get_absolute_url(),
    ]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
    print(c.get(s.get_absolute_url()).content.decode()[-6000:])

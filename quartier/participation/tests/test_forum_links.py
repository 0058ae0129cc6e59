"""Links of contributions to the forums show what the forums show: an agenda item
of an unpublished agenda stays hidden on the contribution's page and in the API."""

from django.utils import timezone

from quartier.forums.tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.participation.tests.factories import ContributionFactory


def test_an_unpublished_agenda_item_is_not_shown(
    client_for, municipality, neighborhood, coordinator
):
    meeting = MeetingFactory(forum=ForumFactory(municipality=municipality))
    item = AgendaItemFactory(meeting=meeting, title="Noch nicht veröffentlicht")
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood, agenda_item=item
    )
    api = f"/api/v1/municipalities/{municipality.slug}/contributions/{contribution.pk}"
    guest = client_for(None)
    assert (
        "Noch nicht veröffentlicht"
        not in guest.get(contribution.get_absolute_url()).content.decode()
    )
    assert guest.get(api).json()["agenda_item"] is None
    staff = client_for(coordinator)
    assert (
        "Noch nicht veröffentlicht"
        in staff.get(contribution.get_absolute_url()).content.decode()
    )

    meeting.agenda_published_at = timezone.now()
    meeting.save()
    guest = client_for(None)
    assert (
        "Noch nicht veröffentlicht"
        in guest.get(contribution.get_absolute_url()).content.decode()
    )
    assert guest.get(api).json()["agenda_item"] == item.pk

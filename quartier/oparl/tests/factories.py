from __future__ import annotations

import datetime

import factory

from quartier.core.tests.factories import MunicipalityFactory
from quartier.oparl.models import (
    CouncilAgendaItem,
    CouncilConsultation,
    CouncilMeeting,
    CouncilOrganization,
    CouncilPaper,
)

RIS = "https://ris.test.example/oparl"


class CouncilPaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilPaper

    municipality = factory.SubFactory(MunicipalityFactory)
    oparl_id = factory.Sequence(lambda n: f"{RIS}/paper/{n}")
    web = factory.Sequence(lambda n: f"https://ris.test.example/vorlage/{n}")
    name = factory.Sequence(lambda n: f"Beschlussvorlage Spielplatz {n}")
    reference = factory.Sequence(lambda n: f"V/2026/{n:03d}")
    date = datetime.date(2026, 5, 4)
    paper_type = "Beschlussvorlage"


class CouncilOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilOrganization

    municipality = factory.SubFactory(MunicipalityFactory)
    oparl_id = factory.Sequence(lambda n: f"{RIS}/organization/{n}")
    name = "Ausschuss für Umwelt und Verkehr"


class CouncilMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMeeting

    municipality = factory.SubFactory(MunicipalityFactory)
    oparl_id = factory.Sequence(lambda n: f"{RIS}/meeting/{n}")
    web = factory.Sequence(lambda n: f"https://ris.test.example/sitzung/{n}")
    name = "Sitzung des Ausschusses"
    start = datetime.datetime(2026, 6, 10, 17, tzinfo=datetime.UTC)


class CouncilAgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilAgendaItem

    municipality = factory.SubFactory(MunicipalityFactory)
    oparl_id = factory.Sequence(lambda n: f"{RIS}/agendaitem/{n}")
    number = "4.2"
    name = "Spielplatz"


def consult(
    paper,
    *,
    organization_name="Ausschuss für Umwelt und Verkehr",
    result="",
    start=None,
    role="Vorberatung",
):
    """A consultation of `paper` in a new meeting, with its agenda item's result."""
    municipality = paper.municipality
    organization = CouncilOrganizationFactory(
        municipality=municipality, name=organization_name
    )
    meeting = CouncilMeetingFactory(
        municipality=municipality,
        organization_urls=[organization.oparl_id],
        **({"start": start} if start else {}),
    )
    item = CouncilAgendaItemFactory(
        municipality=municipality, meeting_url=meeting.oparl_id, result=result
    )
    return CouncilConsultation.objects.create(
        municipality=municipality,
        oparl_id=f"{paper.oparl_id}/consultation/{item.pk}",
        paper=paper,
        meeting_url=meeting.oparl_id,
        agenda_item_url=item.oparl_id,
        organization_urls=[organization.oparl_id],
        role=role,
    )

import factory

from quartier.programmes.models import Programme, ProgrammeElement


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    municipality = None
    name = factory.Sequence(lambda n: f"Programm {n}")
    source = "Landesfachstelle Prävention"
    summary = "Ein Programm für die Nachbarschaft."
    evidence_level = "Wirksamkeit in Studien belegt"
    target_groups = "Ältere Menschen\nAlleinlebende"


class ProgrammeElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeElement

    programme = factory.SubFactory(ProgrammeFactory)
    kind = ProgrammeElement.Kind.CORE
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Element {n}")
    description = "Kurz beschrieben."

"""The offering form as a partner meets it: four short sections with defaults, the
rarely used fields folded away, schedules in plain words ("jeden Dienstag von 14:00
bis 16:00"), German messages next to the field, nothing lost on a round trip.

The form is driven like a browser does: the page is rendered, its inputs with their
default values become the POST data, and the test changes only what a person types.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.directory.forms import ScheduleForm, ServiceForm
from quartier.directory.models import Location, Schedule, Service
from quartier.directory.opening import describe_schedule, is_open
from quartier.directory.tests.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)

pytestmark = pytest.mark.django_db

FIELD_TAGS = {"input", "select", "textarea"}


class FormReader(HTMLParser):
    """The POST data a browser would send from the page's offering form as it is
    rendered (checked boxes, selected options, typed values), and which named
    fields a person sees without opening a <details>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.visible: set[str] = set()
        self.folded: set[str] = set()
        self.details: list[bool] = []  # open or closed, innermost last
        self.in_form = False
        self.select: str | None = None
        self.first_option: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def _seen(self, name: str, hidden: bool) -> None:
        if hidden or name == "csrfmiddlewaretoken":
            return
        closed = not all(self.details)
        (self.folded if closed else self.visible).add(name)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and "novalidate" in a:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "details":
            self.details.append("open" in a)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            self._seen(name, kind == "hidden")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._seen(name, False)
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.data[self.select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._seen(name, False)
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "details":
            self.details.pop()
        elif tag == "select":
            if not self.data[self.select]:
                # No option selected: the browser sends the first one.
                self.data[self.select] = [self.first_option or ""]
            self.select, self.first_option = None, None
        elif tag == "textarea" and self.textarea:
            self.data[self.textarea] = [self.text.strip("\n")]
            self.textarea = None
        elif tag == "form":
            self.in_form = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def feed_page(self, html: str) -> "FormReader":
        self.feed(html)
        return self


def read_form(response) -> FormReader:
    assert response.status_code == 200
    return FormReader().feed_page(response.content.decode())


def url(name, municipality, **kwargs):
    return reverse(
        f"directory:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs}
    )


@pytest.fixture
def own_actor(municipality, partner):
    actor = ActorFactory(municipality=municipality, name="Sportverein")
    ActorMember.objects.create(actor=actor, user=partner)
    return actor


@pytest.fixture
def partner_client(client_for, partner, own_actor, neighborhood):
    # A place and a neighbourhood, so that every choice field has boxes to show.
    LocationFactory(municipality=neighborhood.municipality, name="Gemeindehaus")
    return client_for(partner)


def new_offering_data(client, municipality, **typed):
    """The new-offering page's defaults plus what the person typed."""
    data = read_form(client.get(url("service_new", municipality))).data
    data.update({k: v if isinstance(v, list) else [v] for k, v in typed.items()})
    return data


def required_answers(municipality, name="Laufgruppe"):
    return {
        "name": name,
        "topics": [str(term(municipality, "bewegung").pk)],
        "target_groups": [str(term(municipality, "alle").pk)],
    }


def weekly_tuesday(prefix="schedules-0"):
    return {
        f"{prefix}-repeat": "weekly",
        f"{prefix}-days": ["TU"],
        f"{prefix}-opens_at": "14:00",
        f"{prefix}-closes_at": "16:00",
    }


def test_a_partner_publishes_an_offering_with_only_the_required_answers(
    partner_client, municipality, own_actor
):
    data = new_offering_data(
        partner_client, municipality, **required_answers(municipality)
    )
    response = partner_client.post(url("service_new", municipality), data)
    assert response.status_code == 302, response.context["form"].errors
    service = Service.objects.get(name="Laufgruppe")
    # The defaults: the partner's only actor, active and listed, free, German.
    assert service.provider == own_actor
    assert service.status == "active"
    assert service.free_of_charge is True
    assert service.language_codes == ["de"]
    assert Service.objects.listed().filter(pk=service.pk).exists()
    # Empty rows are not saved as schedules or contacts.
    assert not service.schedules.exists()
    assert not service.contacts.exists()


def test_the_first_sections_show_few_fields_and_the_rest_is_folded(
    partner_client, municipality
):
    form = read_form(partner_client.get(url("service_new", municipality)))
    # What a partner sees at once: the four sections, one time, one contact.
    assert len(form.visible) <= 20, sorted(form.visible)
    for name in ("name", "description", "topics", "target_groups"):
        assert name in form.visible
    assert "schedules-0-repeat" in form.visible
    assert "schedules-0-interval" in form.folded
    assert "schedules-1-repeat" in form.folded
    for name in ServiceForm.ADVANCED:
        assert name in form.folded, name


def test_every_field_of_the_forms_has_its_place_on_the_page(
    partner_client, municipality
):
    """A field added to the model form or the schedule row but not to a section
    would be lost on every save: the layouts name each field exactly once."""
    placed = [n for names in ServiceForm.SECTIONS.values() for n in names]
    placed += ServiceForm.ADVANCED
    assert sorted(placed) == sorted(set(placed))
    service_form_fields = set(ServiceForm.base_fields)
    assert set(placed) == service_form_fields
    row = [*ScheduleForm.MAIN, *ScheduleForm.ADVANCED, "id", "rule"]
    assert sorted(row) == sorted(ScheduleForm.base_fields)
    form = read_form(partner_client.get(url("service_new", municipality)))
    rendered = form.visible | form.folded | set(form.data)
    for name in service_form_fields:
        assert name in rendered, name
    for name in row:
        assert f"schedules-0-{name}" in rendered, name


def test_a_weekly_tuesday_round_trips_in_plain_words(partner_client, municipality):
    data = new_offering_data(
        partner_client,
        municipality,
        **required_answers(municipality),
        **weekly_tuesday(),
    )
    response = partner_client.post(url("service_new", municipality), data)
    assert response.status_code == 302, response.context["schedules"].errors
    service = Service.objects.get(name="Laufgruppe")
    schedule = service.schedules.get()
    assert (schedule.freq, schedule.interval, schedule.byday) == ("WEEKLY", 1, "TU")
    assert schedule.opens_at == datetime.time(14)
    assert schedule.closes_at == datetime.time(16)
    assert schedule.bymonthday == "" and schedule.valid_from is None
    with translation.override("de"):
        assert describe_schedule(schedule) == "dienstags 14–16 Uhr"
    # The edit page says it back in plain words and shows the same choices.
    edit = partner_client.get(url("service_edit", municipality, pk=service.pk))
    assert "Termin 1: dienstags 14–16 Uhr" in edit.content.decode()
    form = read_form(edit)
    assert form.data["schedules-0-repeat"] == ["weekly"]
    assert form.data["schedules-0-days"] == ["TU"]
    assert form.data["schedules-0-opens_at"] == ["14:00"]
    # Saving the page unchanged keeps the schedule as it was (same row, same rule).
    response = partner_client.post(
        url("service_edit", municipality, pk=service.pk), form.data
    )
    assert response.status_code == 302
    again = service.schedules.get()
    assert again.pk == schedule.pk
    assert (again.byday, again.opens_at, again.closes_at) == (
        "TU",
        datetime.time(14),
        datetime.time(16),
    )
    # The offering's page shows it too.
    page = partner_client.get(service.get_absolute_url()).content.decode()
    assert "dienstags 14–16 Uhr" in page
    # Another weekday chosen on the edit page replaces the saved rule.
    form.data["schedules-0-days"] = ["WE"]
    response = partner_client.post(
        url("service_edit", municipality, pk=service.pk), form.data
    )
    assert response.status_code == 302
    assert service.schedules.get().byday == "WE"


def test_monthly_and_one_off_schedules(partner_client, municipality):
    data = new_offering_data(
        partner_client,
        municipality,
        **required_answers(municipality),
        **{
            "schedules-0-repeat": "1",
            "schedules-0-days": ["MO"],
            "schedules-0-more_weeks": ["3"],
            "schedules-0-opens_at": "18:00",
            "schedules-0-closes_at": "20:00",
            "schedules-1-repeat": "-1",
            "schedules-1-days": ["FR"],
            "schedules-1-opens_at": "15:00",
            "schedules-2-repeat": "once",
            "schedules-2-date": "2027-03-05",
            "schedules-2-opens_at": "10:00",
            "schedules-2-closes_at": "12:30",
            "schedules-2-description": "Tag der offenen Tür",
        },
    )
    response = partner_client.post(url("service_new", municipality), data)
    assert response.status_code == 302, response.context["schedules"].errors
    first, last, once = Service.objects.get(name="Laufgruppe").schedules.all()
    assert (first.freq, first.byday) == ("MONTHLY", "1MO,3MO")
    assert (last.freq, last.byday) == ("MONTHLY", "-1FR")
    day = datetime.date(2027, 3, 5)
    assert (once.valid_from, once.valid_to, once.dtstart) == (day, day, day)
    assert once.byday == ""
    berlin = datetime.timezone(datetime.timedelta(hours=1))
    assert is_open(once, datetime.datetime(2027, 3, 5, 11, tzinfo=berlin))
    assert not is_open(once, datetime.datetime(2027, 3, 12, 11, tzinfo=berlin))
    with translation.override("de"):
        assert describe_schedule(first) == (
            "jeden ersten Montag und jeden dritten Montag im Monat 18–20 Uhr"
        )
        assert describe_schedule(last) == "jeden letzten Freitag im Monat ab 15 Uhr"
        assert describe_schedule(once) == (
            "einmalig am 5. März 2027 10–12:30 Uhr (Tag der offenen Tür)"
        )


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        (
            {"schedules-0-opens_at": "16:00", "schedules-0-closes_at": "14:00"},
            "closes_at",
            "Das Ende liegt vor dem Beginn.",
        ),
        ({"schedules-0-days": []}, "days", "Wählen Sie mindestens einen Wochentag."),
        (
            {"schedules-0-repeat": "once", "schedules-0-days": []},
            "date",
            "Geben Sie das Datum an.",
        ),
        (
            {"schedules-0-opens_at": "25:99"},
            "opens_at",
            "Bitte eine gültige Uhrzeit eingeben.",
        ),
        (
            {"schedules-0-more_weeks": ["3"]},
            "more_weeks",
            "Nur bei „jeden ersten … im Monat“",
        ),
        (
            {"schedules-0-bymonthday": "1, 15"},
            "bymonthday",
            "Tage im Monat gehen nur bei monatlichen Terminen.",
        ),
    ],
)
def test_bad_schedule_input_is_named_next_to_its_field_and_kept(
    partner_client, municipality, typed, field, message
):
    data = new_offering_data(
        partner_client,
        municipality,
        **required_answers(municipality, name="Sprechstunde mit Fehler"),
        **{
            **weekly_tuesday(),
            "schedules-0-description": "im Gemeindehaus",
            **typed,
        },
    )
    response = partner_client.post(url("service_new", municipality), data)
    assert response.status_code == 200
    assert not Service.objects.filter(name="Sprechstunde mit Fehler").exists()
    row = response.context["schedules"].forms[0]
    assert message in " ".join(row.errors[field])
    html = response.content.decode()
    # The message stands next to the field (its error block) ...
    error_block = html.split(f'id="id_schedules-0-{field}_error"', 1)[1][:400]
    assert message.split("„")[0] in error_block
    # ... and everything typed is still there.
    again = read_form(response)
    assert again.data["name"] == ["Sprechstunde mit Fehler"]
    assert again.data["schedules-0-description"] == ["im Gemeindehaus"]
    for name, value in typed.items():
        assert again.data.get(name, []) == (
            value if isinstance(value, list) else [value]
        )


def test_more_rules_open_when_they_hold_an_error(partner_client, municipality):
    data = new_offering_data(
        partner_client,
        municipality,
        **required_answers(municipality),
        **weekly_tuesday(),
        **{"schedules-0-interval": "99"},
    )
    response = partner_client.post(url("service_new", municipality), data)
    assert response.status_code == 200
    form = read_form(response)
    assert "schedules-0-interval" in form.visible


@pytest.mark.parametrize(
    "rule",
    [
        {"freq": "WEEKLY", "byday": "", "opens_at": datetime.time(8)},
        {
            "freq": "WEEKLY",
            "interval": 2,
            "byday": "TH",
            "dtstart": datetime.date(2026, 1, 8),
            "valid_from": datetime.date(2026, 1, 1),
            "valid_to": datetime.date(2026, 12, 31),
        },
        {
            "freq": "WEEKLY",
            "byday": "FR,SA",
            "opens_at": datetime.time(22),
            "closes_at": datetime.time(2),
        },
        {"freq": "MONTHLY", "byday": "", "bymonthday": "1,15"},
        {"freq": "MONTHLY", "byday": "2WE,4WE", "opens_at": datetime.time(9)},
        {"freq": "MONTHLY", "byday": "1MO,3WE", "closes_at": datetime.time(9)},
        {
            "freq": "WEEKLY",
            "byday": "",
            "dtstart": datetime.date(2027, 5, 1),
            "valid_from": datetime.date(2027, 5, 1),
            "valid_to": datetime.date(2027, 5, 1),
        },
    ],
)
def test_saving_the_page_unchanged_keeps_every_imported_rule(
    partner_client, municipality, own_actor, rule
):
    """Schedules from an HSDS import use rules the plain words fold away; editing
    the offering must not change what they mean."""
    service = ServiceFactory(
        municipality=municipality,
        provider=own_actor,
        terms=[term(municipality, "bewegung"), term(municipality, "alle")],
    )
    schedule = ScheduleFactory(service=service, description="Hinweis", **rule)
    before = {
        f: getattr(schedule, f) for f in ("freq", "interval", "byday", "bymonthday")
    }
    before.update(
        {
            f: getattr(schedule, f)
            for f in ("opens_at", "closes_at", "dtstart", "valid_from", "valid_to")
        }
    )
    with translation.override("de"):
        described = describe_schedule(schedule)
    form = read_form(
        partner_client.get(url("service_edit", municipality, pk=service.pk))
    )
    response = partner_client.post(
        url("service_edit", municipality, pk=service.pk), form.data
    )
    assert response.status_code == 302, response.context["schedules"].errors
    after = Schedule.objects.get(pk=schedule.pk)
    assert {f: getattr(after, f) for f in before} == before
    assert after.description == "Hinweis"
    with translation.override("de"):
        assert describe_schedule(after) == described


def test_the_place_form_uses_the_same_plain_words(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    page = client.get(url("location_new", municipality))
    assert "Öffnungszeit 1" in page.content.decode()
    form = read_form(page)
    data = dict(form.data)
    data.update(
        {
            "name": ["Stadtteilbüro"],
            "hours-0-days": ["MO", "TU", "WE", "TH", "FR"],
            "hours-0-opens_at": ["9:00"],
            "hours-0-closes_at": ["12:00"],
        }
    )
    response = client.post(url("location_new", municipality), data)
    assert response.status_code == 302, response.context["form"].errors
    hours = Location.objects.get(name="Stadtteilbüro").schedules.get()
    with translation.override("de"):
        assert describe_schedule(hours) == "montags bis freitags 9–12 Uhr"

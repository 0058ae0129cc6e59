"""Forms of the participation app: the open form (with honeypot and fill-in time), the
coordinators' intake, support, comments, reports, answers, links, filters."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.db.models.functions import Left
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quartier.core.forms import FastRadioSelect, KernForm, RichTextField
from quartier.core.images import PhotoField
from quartier.core.models import Municipality, Neighborhood
from quartier.core.object_links import link_choices, link_target_allowed
from quartier.core.word_search import every_word, words_of
from quartier.participation.links import AGENDA_ITEM, DECISION
from quartier.participation.models import Channel, Kind, Language, Status, Topic

STARTED_SALT = "participation.form-started"


def min_fill_seconds() -> float:
    return float(settings.PARTICIPATION_MIN_FILL_SECONDS)


def new_started_token() -> str:
    return signing.dumps(time.time(), salt=STARTED_SALT)


class SpamGuards:
    """The spam checks of every form open to guests (contributions, stories, guests'
    meeting registrations, accessibility feedback). The form declares two fields:
    `website`, a honeypot (hidden by CSS; people never fill it in), and `started`, a
    signed time stamp of when the form was shown — sent too fast it is a bot, and
    `claim_started_token` uses it up so a replayed form is refused. The form calls
    `arm_spam_guards()` in its __init__."""

    honeypot = True

    fields: dict[str, Any]
    initial: dict[str, Any]
    data: Any
    cleaned_data: dict[str, Any]

    def arm_spam_guards(self) -> None:
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        self.initial.setdefault("started", new_started_token())

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled in: a bot. The view pretends success."""
        return bool(self.honeypot and self.data.get("website"))

    def clean_started(self) -> str:
        value = self.cleaned_data.get("started") or ""
        try:
            started = float(signing.loads(value, salt=STARTED_SALT, max_age=86400))
        except (signing.BadSignature, TypeError, ValueError):
            self._fresh_token()
            raise forms.ValidationError(
                _("The form has expired. Please check your entries and send it again.")
            ) from None
        if time.time() - started < min_fill_seconds():
            raise forms.ValidationError(
                _("That was very fast. Please check your entries and send them again.")
            )
        return value

    def _fresh_token(self) -> None:
        self.data = self.data.copy()
        self.data["started"] = new_started_token()

    def claim_started_token(self) -> bool:
        """Use the fill-time token up: True the first time, False when the same
        token is sent again (a replayed form). The form shown again gets a new one."""
        from quartier.participation.services import form_token_claim

        claimed = form_token_claim(self.cleaned_data.get("started") or "")
        self._fresh_token()
        return claimed


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ContributionForm(SpamGuards, KernForm):
    """The open form: no account needed. `website` is a honeypot (hidden by CSS,
    people never fill it in), `started` a signed time stamp for the fill-in time."""

    processing = "participation.contribution"  # Art. 13 notice, core/processing.py

    kind = forms.ChoiceField(
        label=_("What would you like to share?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.IDEA,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Your contribution"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe it in your own words. Any language is welcome."),
    )
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighborhood.objects.none()
    )
    address = forms.CharField(
        label=_("Address or place"),
        max_length=200,
        required=False,
        help_text=_("e.g. “Lindenpark, by the playground” or a street and number."),
    )
    latitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        required=False,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        widget=forms.HiddenInput,
    )
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of your text"), choices=Language.choices, initial="de"
    )
    photo = PhotoField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB. We remove location data."),
    )
    author_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    author_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Optional. We send you one e-mail to confirm the address; after that "
            "you hear from us whenever the status changes."
        ),
    )
    event_code = forms.CharField(
        label=_("Code of the event"),
        required=False,
        max_length=40,
        help_text=_("Only if you got one at a workshop or meeting."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    all_topics = False

    def __init__(
        self, *args: Any, municipality: Municipality, user: Any = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        # Residents choose plain topics; the layers are the coordination's
        # analysis tag (LayersForm, and the intake form below).
        topics = Topic.objects.of(municipality)
        self.fields["topics"].queryset = topics if self.all_topics else topics.plain()
        if not self.fields["topics"].queryset.exists():
            del self.fields["topics"]
        if user is not None and user.is_authenticated:
            del self.fields["author_name"]
            del self.fields["author_email"]
        if self.honeypot:
            self.arm_spam_guards()
        else:
            del self.fields["website"]
            del self.fields["started"]
            del self.fields["event_code"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            data["latitude"] = data["longitude"] = None
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("website", "started", "event_code"):
            data.pop(name, None)
        return data


class IntakeForm(ContributionForm):
    """Coordinators type in what residents gave on paper, by phone or in person."""

    honeypot = False
    all_topics = True

    channel = forms.ChoiceField(
        label=_("How did the contribution reach you?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
        initial=Channel.PAPER,
    )

    field_order = ["channel"]

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs["user"] = None  # name and e-mail are the resident's, never ours
        super().__init__(*args, **kwargs)
        self.fields["author_name"].label = _("Name of the resident")
        self.fields["author_email"].label = _("E-mail address of the resident")


class SupportForm(KernForm):
    processing = "participation.support"  # Art. 13 notice, core/processing.py

    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link; your support counts once you confirm."),
    )


class CommentForm(KernForm):
    processing = "participation.comment"  # Art. 13 notice, core/processing.py

    text = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(KernForm):
    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(KernForm):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Reason for the status"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for “not feasible”. Shown in the public history."),
    )
    answer = RichTextField(
        label=_("Public answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the contribution's page and sent to its author."),
    )


class DecisionSearchForm(KernForm):
    """The links page's search for a decision: a plain GET form, matched on the
    server (no JavaScript needed); the link form then offers the matches."""

    hide_optional = True

    q = forms.CharField(
        label=_("Find a decision"),
        required=False,
        max_length=100,
        help_text=_("Its number or words of its text, e.g. “Spielplatz”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("auto_id", "search_%s")
        super().__init__(*args, **kwargs)

    @property
    def text(self) -> str:
        """The words searched for ("" without a search or with an invalid one)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return " ".join(words_of(self.cleaned_data["q"]))


# The rows the links page reads for its choices: values, no model instances (the
# models of 40 agenda items with their meetings and forums were half the page).
ITEM_ROW = ("pk", "meeting__starts_at", "meeting__title", "title")
DECISION_ROW = ("pk", "number", "decided_on", "forum__name", "start")


def _decision_label(row: tuple[Any, ...]) -> tuple[Any, str]:
    pk, number, decided_on, forum, start = row
    day = formats.date_format(decided_on, "SHORT_DATE_FORMAT")
    return pk, f"{number} ({day}, {forum}): {Truncator(start).chars(100)}"


def _item_label(row: tuple[Any, ...]) -> tuple[Any, str]:
    pk, starts_at, meeting, title = row
    return pk, f"{timezone.localtime(starts_at):%d.%m.%Y} {meeting}: {title}"


class LinkForm(KernForm):
    """Links of a contribution to the forums: only targets the linking person may
    see are offered, and a forged value is refused (core/object_links.py).

    A municipality takes thousands of decisions, so the form does not offer them
    all (issue 19: a select of 10,000 options was the page's time): it offers the
    decisions the search (`DecisionSearchForm`) found, the newest first and at
    most DECISIONS_OFFERED, and the one linked now; agenda items of meetings from
    RECENT_DAYS ago onwards (at most ITEMS_OFFERED) and the one linked now. What
    is sent is checked against ALL targets the person may link (one query for the
    chosen one), so a forged id of another municipality gets an error next to the
    field."""

    DECISIONS_OFFERED = 20
    ITEMS_OFFERED = 40
    RECENT_DAYS = 56

    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"),
        queryset=None,
        required=False,
        help_text=_(
            "Agenda items of the meetings of the last eight weeks and of the "
            "coming meetings."
        ),
        error_messages={"invalid_choice": _("Please choose one of the list.")},
    )
    decision = forms.ModelChoiceField(
        label=_("Decision"),
        queryset=None,
        required=False,
        widget=FastRadioSelect,
        error_messages={"invalid_choice": _("Please choose one of the list.")},
    )

    kinds = {"agenda_item": AGENDA_ITEM, "decision": DECISION}
    field_order = ["decision", "agenda_item"]

    def __init__(
        self,
        *args: Any,
        contribution: Any,
        user: Any,
        search: str = "",
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.contribution = contribution
        self.user = user
        self.search = search
        municipality = contribution.municipality
        for name, key in self.kinds.items():
            # Validation: every target the person may link (the chosen one is
            # read by its id, one query).
            self.fields[name].queryset = link_choices(user, municipality, key)
        self.fields["agenda_item"].widget.choices = [
            ("", _("No agenda item")),
            *map(_item_label, self._items()),
        ]
        self.fields["decision"].widget.choices = [
            ("", _("No decision")),
            *map(_decision_label, self._decisions()),
        ]
        self.fields["decision"].help_text = self._found()

    def _items(self) -> list[tuple[Any, ...]]:
        """The agenda items offered (ITEM_ROW): those of recent and coming
        meetings, in the order of the meetings, and the one linked now."""
        items = self.fields["agenda_item"].queryset
        since = timezone.now() - datetime.timedelta(days=self.RECENT_DAYS)
        offered = list(
            items.filter(meeting__starts_at__gte=since)
            .order_by("meeting__starts_at", "position", "pk")
            .values_list(*ITEM_ROW)[: self.ITEMS_OFFERED]
        )
        current = self.contribution.agenda_item_id
        if current is not None and current not in {row[0] for row in offered}:
            # The linked item stays on offer however old (saving keeps it).
            offered[:0] = items.filter(pk=current).values_list(*ITEM_ROW)
        return offered

    def _decisions(self) -> list[tuple[Any, ...]]:
        """The decisions offered (DECISION_ROW): the one linked now, then the
        newest that match the search (or the newest at all); one more is read to
        know whether there are more than shown (`self.more`)."""
        decisions = self.fields["decision"].queryset.annotate(
            start=Left("text", 101)  # enough to say whether it is cut short
        )
        newest = every_word(
            decisions, self.search, "text", number_field="number"
        ).order_by("-decided_on", "-number", "-id")
        found = list(newest.values_list(*DECISION_ROW)[: self.DECISIONS_OFFERED + 1])
        self.more = len(found) > self.DECISIONS_OFFERED
        self.matches = found[: self.DECISIONS_OFFERED]
        current = self.contribution.decision_id
        if current is None or current in {row[0] for row in self.matches}:
            return self.matches
        return [*decisions.filter(pk=current).values_list(*DECISION_ROW), *self.matches]

    def _found(self) -> str:
        """What the search found, said next to the decisions offered."""
        count = len(self.matches)
        if not self.search:
            return str(
                _(
                    "Offered: the newest decisions and the one linked now. "
                    "Search above for other decisions."
                )
            )
        if not count:
            return str(
                _(
                    "No decision matches “%(search)s”. Please try other words "
                    "or the decision's number."
                )
            ) % {"search": self.search}
        if self.more:
            return ngettext(
                "More than %(count)s decision matches “%(search)s”; the newest "
                "is shown. Please narrow the search.",
                "More than %(count)s decisions match “%(search)s”; the newest "
                "%(count)s are shown. Please narrow the search.",
                count,
            ) % {"count": count, "search": self.search}
        return ngettext(
            "%(count)s decision matches “%(search)s”.",
            "%(count)s decisions match “%(search)s”.",
            count,
        ) % {"count": count, "search": self.search}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in self.kinds:
            target = data.get(name)
            if target is not None and not link_target_allowed(
                self.user, target, source=self.contribution
            ):
                self.add_error(name, _("Please choose one of the list."))
        return data


class LayersForm(KernForm):
    """The coordination tags a contribution with Dahlgren–Whitehead layers (an
    analysis tag; residents choose plain topics)."""

    layers = TopicChoiceField(
        label=_("Layers of the Dahlgren–Whitehead model"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["layers"].queryset = Topic.objects.of(municipality).layers()


class TopicForm(KernForm):
    name = forms.CharField(label=_("New topic"), max_length=100)


SORTS = [
    ("newest", _("newest first")),
    ("supported", _("most supported")),
    ("answered", _("most recently answered")),
]


class FilterForm(KernForm):
    hide_optional = True

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Words in the title or the text"),
    )

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all"))] + Kind.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all"))] + Status.choices, required=False
    )
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighborhood.objects.none(),
        required=False,
        empty_label=_("all"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("all"),
    )
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        self.fields["topic"].queryset = Topic.objects.of(municipality)


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
    )


class EventWindowForm(KernForm):
    """A coordinator opens an event window for a workshop (services.event_window_create)."""

    name = forms.CharField(label=_("Name of the event"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "A short word for the participants, e.g. “lindenpark”. They enter it in "
            "the form, or use the link with the code."
        ),
    )
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))
    limit = forms.IntegerField(
        label=_("Contributions per address and hour"),
        min_value=1,
        max_value=500,
        initial=60,
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["limit"].help_text = _(
            "Without a code, %(limit)s per hour from one address."
        ) % {"limit": settings.PARTICIPATION_RATE_LIMIT_IP}

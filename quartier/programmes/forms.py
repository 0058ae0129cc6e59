"""Forms of the programme library: the programme, its element lists, the filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm, KernModelForm
from quartier.programmes.models import Programme, ProgrammeElement, split_lines
from quartier.programmes.services import ElementInput

MAX_ELEMENTS = 30
CORE_REQUIRED = _(
    "Name at least one core element: what must stay as it is for the programme to work."
)


class ProgrammeForm(KernModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "source",
            "summary",
            "evidence_level",
            "target_groups",
            "links",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "target_groups": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        }
        error_messages = {
            "name": {"required": _("Please name the programme.")},
            "source": {"required": _("Please say who publishes the programme.")},
            "summary": {"required": _("Please describe the programme in a few lines.")},
        }

    def clean_links(self) -> str:
        lines = split_lines(self.cleaned_data.get("links", ""))
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                raise forms.ValidationError(
                    _("“%(line)s” is not a web address (https://…)."),
                    params={"line": line[:80]},
                ) from None
        return "\n".join(lines)

    def clean_target_groups(self) -> str:
        return "\n".join(split_lines(self.cleaned_data.get("target_groups", "")))

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ElementForm(KernForm):
    hide_optional = True  # an empty row is simply left out

    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("description", "").strip() and not data.get("name", "").strip():
            self.add_error("name", _("Please name the element or clear the row."))
        return data


class BaseElementFormSet(forms.BaseFormSet):
    required_message: str = ""

    def clean(self) -> None:
        if any(self.errors):
            return
        if self.required_message and not self.rows():
            raise forms.ValidationError(self.required_message)

    def rows(self) -> list[ElementInput]:
        """The filled rows in their order (empty rows are left out: clearing a row
        removes the element)."""
        return [
            ElementInput(
                name=form.cleaned_data["name"].strip(),
                description=form.cleaned_data.get("description", "").strip(),
                id=form.cleaned_data.get("id"),
            )
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("name", "").strip()
        ]


def element_formset(
    data: Any, *, kind: str, programme: Programme | None = None
) -> BaseElementFormSet:
    """The rows of one kind of element: the current ones plus empty rows."""
    initial = []
    if programme is not None:
        initial = [
            {"id": e.pk, "name": e.name, "description": e.description}
            for e in programme.elements.all()
            if e.kind == kind
        ]
    formset_class = forms.formset_factory(
        ElementForm,
        formset=BaseElementFormSet,
        extra=2 if initial else 3,
        max_num=MAX_ELEMENTS,
        validate_max=True,
    )
    formset = formset_class(data, initial=initial, prefix=kind)
    if kind == ProgrammeElement.Kind.CORE:
        formset.required_message = str(CORE_REQUIRED)
    return formset


def element_formsets(
    data: Any, programme: Programme | None = None
) -> dict[str, BaseElementFormSet]:
    return {
        kind: element_formset(data, kind=kind, programme=programme)
        for kind in (ProgrammeElement.Kind.CORE, ProgrammeElement.Kind.ADAPTABLE)
    }


class LibraryFilterForm(KernForm):
    """The library's filters (a plain GET form); choices come from the programmes
    the page shows."""

    hide_optional = True

    scope = forms.ChoiceField(
        label=_("Library"),
        required=False,
        choices=[
            ("", _("own and shared")),
            ("own", _("own library only")),
            ("shared", _("shared library only")),
        ],
    )
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    evidence = forms.ChoiceField(label=_("Evidence level"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(
        self,
        data: Any,
        *,
        target_groups: list[str],
        evidence_levels: list[str],
        with_scope: bool = True,
    ) -> None:
        super().__init__(data)
        self.fields["target_group"].choices = [
            ("", _("all target groups")),
            *[(g, g) for g in target_groups],
        ]
        self.fields["evidence"].choices = [
            ("", _("every evidence level")),
            *[(e, e) for e in evidence_levels],
        ]
        if not with_scope:
            del self.fields["scope"]

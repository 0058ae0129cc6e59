"""KERN-styled form rendering shared by every app, and the core forms.

Every form in Quartier inherits `KernForm` / `KernModelForm`: fields get KERN classes,
`aria-invalid` and `aria-describedby` pointing at their hint and error, and the form
renders an error summary at the top (core/forms/form.html).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from quartier.core.dates import bound_form_field
from quartier.core.geojson import validate_boundary
from quartier.core.models import Municipality, Neighborhood
from quartier.core.sanitize import clean_html


def _css_for(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    return "kern-form-input__input"


class KernBoundField(BoundField):
    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = _css_for(widget)
        if css:
            if self.errors:
                css = f"{css} {css}--error"
            attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        described = str(attrs.get("aria-describedby", "")).split()
        if self.errors:
            attrs["aria-invalid"] = "true"
            # Django 5.2 may already point at the error; name it only once.
            if f"{self.auto_id}_error" not in described:
                described.append(f"{self.auto_id}_error")
        if described:
            attrs["aria-describedby"] = " ".join(described)
        return attrs


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the field it names (or on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class FastRadioSelect(forms.RadioSelect):
    """Radio buttons whose <input>s are written in Python, with the markup of
    templates/django/forms/widgets/input_option.html (participation's
    test_link_search.py holds them equal): through the template engine, the 21
    decisions of a contribution's links page were a quarter of its time. Labels and
    fieldset come from the form's templates as before; core/forms/field.html lays
    it out as a radio group (`widget_type` "fastradioselect")."""

    def _render(
        self, template_name: str, context: dict[str, Any], renderer: Any = None
    ) -> SafeString:
        if template_name != self.option_template_name:
            return super()._render(template_name, context, renderer)  # type: ignore[misc]
        widget = context["widget"]
        value = widget["value"]
        value_attr = "" if value is None else f' value="{escape(str(value))}"'
        attrs = "".join(
            f" {escape(name)}" if item is True else f' {escape(name)}="{escape(item)}"'
            for name, item in widget["attrs"].items()
            if item is not False
        )
        return mark_safe(  # noqa: S308 - every part is escaped above
            f'<input type="{widget["type"]}" name="{escape(widget["name"])}"'
            f'{value_attr} class="kern-form-check__radio"{attrs}>'
        )


class FastSelect(forms.Select):
    """A select that renders its options in Python.

    Django renders every option through a template; with a few thousand options (all
    actors of a town as a filter) that alone took half a second per page
    (docs/benchmarks.md). The markup is the same.
    """

    def render(
        self, name: str, value: Any, attrs: Any = None, renderer: Any = None
    ) -> SafeString:
        # Django's optgroups() builds a dict and copies attrs per option; with 2,000
        # options that was a third of the page. The selection rule is Django's: the
        # first option whose value matches is selected.
        values = set(self.format_value(value))
        parts: list[str] = [
            format_html(
                '<select name="{}"{}>',
                name,
                flatatt(self.build_attrs(self.attrs, attrs)),
            )
        ]
        has_selected = False
        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                parts.append(format_html('<optgroup label="{}">', group_value))
                options = group_label
            else:
                options = [(group_value, group_label)]
            for option_value, option_label in options:
                text = "" if option_value is None else str(option_value)
                selected = not has_selected and text in values
                has_selected = has_selected or selected
                parts.append(
                    f'<option value="{escape(text)}"'
                    f"{' selected' if selected else ''}>"
                    f"{conditional_escape(option_label)}</option>"
                )
            if options is group_label:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


class NameChoiceIterator(forms.models.ModelChoiceIterator):
    """Options of a ModelChoiceField read as (pk, name) rows, no model per option.

    A coordinator picks "on behalf of" among all 2,000 actors of a town; building an
    Actor instance per option cost ~300 ms per page (docs/benchmarks.md). Use it for
    fields whose option label is the model's `name` field:
    `form.fields["actor"].iterator = NameChoiceIterator`, set before the field's
    queryset (assigning the queryset hands the widget its choices). Validation still loads the
    one chosen object through the field's queryset.
    """

    label_field = "name"

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        yield from self.queryset.values_list(key, self.label_field).iterator()

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


EMPTY_CHOICE = _("Please choose")


def _plain_empty_choice(field: forms.Field) -> None:
    """Empty choices read "Bitte wählen", not Django's "---------"."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == "---------":
            field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField) and not isinstance(
        field, forms.MultipleChoiceField
    ):
        choices = list(field.choices)  # type: ignore[arg-type]
        if choices and choices[0] == ("", "---------"):
            field.choices = [("", EMPTY_CHOICE), *choices[1:]]


class KernFormMixin:
    bound_field_class: type[BoundField] | None = KernBoundField
    template_name = "core/forms/form.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if type(field.widget) is forms.Select:
                field.widget.__class__ = FastSelect
            # Every date field of every form, within sane bounds (core/dates.py).
            bound_form_field(field)
            _plain_empty_choice(field)


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass


class RichTextField(forms.CharField):
    """A text field whose HTML goes through the shared sanitiser."""

    widget = forms.Textarea

    def clean(self, value: Any) -> str:
        return clean_html(super().clean(value))


class GeoJSONField(forms.CharField):
    """GeoJSON typed or pasted as text; invalid input is a form error, never a 500."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict | list):
            return json.dumps(value)
        return value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if not value:
            return None
        try:
            data = json.loads(value)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s"), params={"error": exc.msg}
            ) from exc
        validate_boundary(data)
        return data


class MunicipalitySettingsForm(KernModelForm):
    processing = "core.public_contact"  # Art. 13 notice, core/processing.py

    description = RichTextField(label=_("short description"), required=False)

    class Meta:
        model = Municipality
        fields = [
            "name",
            "ags",
            "description",
            "contact_email",
            "moderation_mode",
            "response_days",
            "join_policy",
            "require_mfa_for_staff",
        ]


class NeighborhoodForm(KernModelForm):
    boundary = GeoJSONField(
        label=_("boundary (GeoJSON)"),
        required=False,
        help_text=_(
            "Optional. A GeoJSON Polygon or MultiPolygon, or a Feature holding one."
        ),
    )

    class Meta:
        model = Neighborhood
        fields = ["name", "slug", "description", "population", "boundary"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        taken = Neighborhood.objects.of(self.municipality).filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Another neighbourhood already uses this address.")
            )
        return slug

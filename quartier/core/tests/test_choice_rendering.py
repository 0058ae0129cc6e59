"""Selects with thousands of options: same markup as Django's, without a model
instance or a template per option (docs/benchmarks.md, "Signed-in pages")."""

import pytest
from django import forms
from django.db.models.signals import post_init
from django.test.html import parse_html
from django.utils.translation import gettext_lazy

from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory
from quartier.core.forms import FastSelect, KernForm, NameChoiceIterator

CHOICES = [
    ("", "alle"),
    ("a", "Altstadt & Markt"),
    ("b", gettext_lazy("Resident")),
    (None, "kein Wert"),
    (3, "<b>drei</b>"),
    ("Gruppe <1>", [("c", "Café"), ("b", "noch einmal b")]),
]


@pytest.mark.parametrize("value", [None, "", "b", 3, "c", "x", ["a", "c"]])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_q", "class": "kern-form-input__select", "required": True}],
)
def test_the_fast_select_renders_what_django_renders(value, attrs):
    plain = forms.Select(choices=CHOICES).render("q", value, attrs)
    fast = FastSelect(choices=CHOICES).render("q", value, attrs)

    assert parse_html(fast) == parse_html(plain)
    assert fast.count(" selected") == plain.count(" selected")


def _count_instances(model):
    made = []

    def count(sender, **kwargs):
        made.append(sender)

    post_init.connect(count, sender=model, weak=False)
    return made, lambda: post_init.disconnect(count, sender=model)


def test_name_choices_render_and_validate_like_model_choices(municipality):
    actors = [ActorFactory(municipality=municipality) for _ in range(5)]
    chosen = actors[2]

    class Choose(KernForm):
        actor = forms.ModelChoiceField(queryset=Actor.objects.none(), required=False)

        def __init__(self, *args, fast, **kwargs):
            super().__init__(*args, **kwargs)
            if fast:
                self.fields["actor"].iterator = NameChoiceIterator
            self.fields["actor"].queryset = Actor.objects.of(municipality).order_by(
                "name"
            )

    plain = str(Choose(initial={"actor": chosen}, fast=False)["actor"])
    made, stop = _count_instances(Actor)
    try:
        fast = str(Choose(initial={"actor": chosen}, fast=True)["actor"])
    finally:
        stop()
    assert made == []  # no Actor built to render five options
    assert parse_html(fast) == parse_html(plain)
    assert f'<option value="{chosen.pk}" selected>' in fast

    form = Choose(data={"actor": str(chosen.pk)}, fast=True)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["actor"] == chosen
    assert not Choose(data={"actor": "999999"}, fast=True).is_valid()

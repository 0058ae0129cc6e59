"""The page where a member chooses how to hear of a forum's events."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.forms import KernForm, add_service_errors
from quartier.core.gate import get_object_for
from quartier.forums.models import Forum, NotificationFrequency
from quartier.forums.services import notifications as services


class NotificationPreferenceForm(KernForm):
    frequency = forms.ChoiceField(
        label=gettext_lazy(
            "Tell me about new meetings, agendas, minutes and decisions"
        ),
        choices=NotificationFrequency.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "By e-mail. The weekly digest collects everything in one e-mail."
        ),
    )


def notification_preferences(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_for(
        request,
        Forum.objects.all(),
        "forums.change_notification_preference",
        slug=slug,
    )
    initial = {"frequency": services.frequency_for(request.user, forum)}
    form = NotificationPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preference_set(
                by=request.user, forum=forum, frequency=form.cleaned_data["frequency"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your notification settings were saved."))
            return redirect(
                "forums:notifications",
                municipality_slug=request.municipality.slug,
                slug=forum.slug,
            )
    return render(
        request, "forums/notification_preferences.html", {"form": form, "forum": forum}
    )

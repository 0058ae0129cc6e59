from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from quartier.accounts import services
from quartier.accounts.models import User
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality
from quartier.core.roles import Role

LANGUAGES = settings.LANGUAGES


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the municipality the person lives or works in.

    The choice becomes a membership or a membership request
    (`services.membership_join`, docs/accounts.md). `?municipality=<slug>` (the
    "Mitmachen" link) preselects it.
    """

    processing = "accounts.account"  # Art. 13 notice, core/processing.py

    field_order = ["email", "municipality", "password1", "password2"]

    municipality = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Municipality.objects.none(),
        help_text=_("Where you live or work. You can join others later."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.active()
        field.required = field.queryset.exists()
        field.empty_label = _("Please choose")
        request = allauth_context.request
        slug = request.GET.get("municipality") if request is not None else None
        if slug and not self.is_bound:
            self.initial["municipality"] = field.queryset.filter(slug=slug).first()

    def try_save(self, request: Any) -> Any:
        if self.account_already_exists:
            # The same expensive work as a new account (hashing the password), so
            # that the answer's timing does not tell whether the address is
            # registered (ACCOUNT_PREVENT_ENUMERATION; docs/security.md).
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def signup(self, request: Any, user: User) -> None:
        municipality = self.cleaned_data.get("municipality")
        if municipality is not None:
            services.membership_join(user=user, municipality=municipality)


class ProfileForm(KernModelForm):
    processing = "accounts.account"  # Art. 13 notice, core/processing.py

    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["preferred_language"]
        field.widget = forms.Select(
            choices=[("", _("As chosen with the language switch")), *LANGUAGES],
            attrs=field.widget.attrs,
        )

    def clean_preferred_language(self) -> str:
        code = self.cleaned_data.get("preferred_language", "")
        if code and code not in dict(LANGUAGES):
            raise forms.ValidationError(_("Please choose one of the languages."))
        return code


class InvitationForm(KernForm):
    processing = "accounts.membership"  # Art. 13 notice, core/processing.py

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, initial=Role.RESIDENT
    )


class RoleForm(KernForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TokenForm(KernForm):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Import from the old directory”."),
    )


class DeleteAccountForm(KernForm):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted and cannot be restored."),
        error_messages={
            "required": _("Please confirm that you want to delete your account.")
        },
    )

    def __init__(self, *args, user: User, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


__all__ = [
    "SignupForm",
    "ProfileForm",
    "InvitationForm",
    "RoleForm",
    "TokenForm",
    "DeleteAccountForm",
]

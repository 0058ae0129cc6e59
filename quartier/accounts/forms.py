from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.roles import Role


class ProfileForm(KernModelForm):
    class Meta:
        model = User
        fields = ["display_name"]


class InvitationForm(KernForm):
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
    "ProfileForm",
    "InvitationForm",
    "RoleForm",
    "TokenForm",
    "DeleteAccountForm",
]

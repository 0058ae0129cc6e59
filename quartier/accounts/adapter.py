"""allauth adapter: German e-mails signed by Quartier, lower-case addresses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.http import HttpRequest
from django.utils import translation

from quartier.core.tasks import mail_language, send_email


@dataclass(frozen=True)
class _Site:
    """What allauth's e-mail templates call `current_site` (no django.contrib.sites)."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def save_user(
        self, request: HttpRequest, user: Any, form: Any, commit: bool = True
    ) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Like every mail of the platform (core.tasks.queue_email): in the
        # recipient's language (a member's preferred language, else the page's
        # language for a guest: core.tasks.mail_language), and queued, so that "account already exists" and "confirm your address"
        # take the same path and the same time (docs/security.md). Links inside
        # are built by allauth from the request, like core.maillinks does.
        request = allauth_context.request
        host = request.get_host() if request is not None else ""
        context = {"current_site": _Site(name="Quartier", domain=host), **context}
        with translation.override(mail_language(email)):
            message = self.render_mail(template_prefix, email, context)
        send_email.enqueue(
            to=list(message.to), subject=str(message.subject), body=message.body
        )


def user_display(user: Any) -> str:
    """How allauth's pages and mails name the person they are talking to: their
    name, else their own address (never the anonymous "Mitglied")."""
    return user.display_name or user.email

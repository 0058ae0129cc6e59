"""Background tasks shared by all apps (django-tasks).

E-mails are sent as tasks so that a slow mail server never slows a request. With the
default ImmediateBackend they run at once; in production set
TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `quartier db_worker`.

Every e-mail is written in its recipient's language (`mail_language`): the one
place that decides it, so a new sender inherits it by calling `queue_email`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import lazy
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def mail_language(address: str) -> str:
    """The language of an e-mail to `address` (docs/languages.md).

    A member's preferred language, else the municipality's default (German); a
    guest — an address without an account — gets the language of the request that
    causes the mail (the page they used), German outside a request.
    """
    user = (
        get_user_model()
        .objects.filter(email__iexact=address)
        .values_list("preferred_language", flat=True)
        .first()
    )
    supported = {code for code, _name in settings.LANGUAGES}
    if user is not None:
        return user if user in supported else settings.LANGUAGE_CODE
    active = translation.get_language()
    return active if active in supported else settings.LANGUAGE_CODE


def lazy_subject(message: Any, **params: Any) -> str:
    """A subject translated when the mail is rendered, in the recipient's language:
    `lazy_subject(gettext_lazy("Welcome to %(name)s"), name=municipality.name)`.
    A plain string stays as the sender computed it (in the sender's language)."""
    return lazy(lambda: str(message) % params if params else str(message), str)()


def queue_email(
    *, to: str | list[str], subject: str, template: str, context: dict
) -> None:
    """Render a plain-text e-mail in each recipient's language (`mail_language`)
    now and queue it for sending: one message per language among the recipients."""
    addresses = [to] if isinstance(to, str) else list(to)
    by_language: dict[str, list[str]] = {}
    for address in addresses:
        by_language.setdefault(mail_language(address), []).append(address)
    for language, group in by_language.items():
        with translation.override(language):
            body = render_to_string(template, context)
            text = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"
        send_email.enqueue(to=group, subject=str(text), body=body)

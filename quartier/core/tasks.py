"""Background tasks shared by all apps (django-tasks).

E-mails are sent as tasks so that a slow mail server never slows a request. With the
default ImmediateBackend they run at once; in production set
TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `quartier db_worker`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def queue_email(
    *, to: str | list[str], subject: str, template: str, context: dict
) -> None:
    """Render a plain-text e-mail in German now and queue it for sending."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"
    send_email.enqueue(
        to=[to] if isinstance(to, str) else list(to), subject=str(subject), body=body
    )

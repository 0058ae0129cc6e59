"""The legal parts of a decision letter that the municipality completes: the notice
of legal remedies (Rechtsbehelfsbelehrung) as a template with marked fields.

Quartier gives no legal advice: the template shows the usual structure of such a
notice; the municipality's legal office checks and completes it (docs/funds.md).
Fields to fill in are written in square brackets, and the letter highlights every
text in square brackets, so an unfinished notice cannot go out unnoticed.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

REMEDY_NOTICE_TEMPLATE = _(
    "Notice of legal remedies: You may object to this decision within one month "
    "of its notification [check: objection procedure or action in court under the "
    "law of your Land]. The objection is lodged in writing or for the record with "
    "[name and postal address of the authority], or in electronic form [permitted "
    "electronic route, e.g. qualified electronic signature or De-Mail address]."
)

MARKED_FIELD = re.compile(r"\[[^\[\]]{1,300}\]")


def has_open_fields(text: str) -> bool:
    return bool(MARKED_FIELD.search(text or ""))


def highlight_open_fields(text: str) -> SafeString:
    """The text escaped, with every [field to fill in] marked up for the letter."""
    escaped = escape(text or "")
    marked = MARKED_FIELD.sub(
        lambda m: f'<mark class="open-field">{m.group(0)}</mark>', escaped
    )
    return mark_safe(marked.replace("\n", "<br>"))  # noqa: S308 (escaped above)

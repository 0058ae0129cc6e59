"""What an app's `tests/link_cases.py` provides for each link kind it registers
(core/tests/test_links.py walks the registry with these)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class LinkCase:
    source: Any  # a source everybody may see
    hidden_source: Any  # a source a guest may not see
    visible_target: Any  # a target everybody may see
    hidden_target: Any  # a target of the same municipality a guest may not see
    forged_target: Any  # a target the linking person may not see
    linker: Any  # a person with the kind's link permission on `source`
    set_link: Callable[[Any, Any], None]  # store a link (as an old forged one would be)
    linked: Callable[[Any], Any]  # the source's stored target, read from the database
    form_url: Callable[[Any], str]  # the page with the link form of a source
    form_data: Callable[[Any], dict[str, Any]]  # the form's data linking a target
    api_url: Callable[[Any], str | None]  # the source's API detail, if any
    api_linked: Callable[[dict[str, Any]], Any]  # the linked target's id in that answer
    # Who sees `visible_target` and `source` (a role of the test world): everybody
    # for public objects; the applicant for a fund application, which is never public.
    viewer: str = "anonymous"

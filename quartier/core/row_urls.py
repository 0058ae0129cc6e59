"""One `reverse()` for a whole page of rows: the address of each row's detail page
from the address of one, with the row's key put in.

`reverse()` per row was a tenth of a list page's time (issue 19); the lists of
offerings, places, contributions, applications in the jury's queue and initiatives
build their links here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

# A key no real row has, that the URL's converter accepts: an int (the default) or
# a UUID for UUID keys.
INT_MARKER = 2_147_483_647


def url_maker(
    name: str, municipality: Any, marker: Any = INT_MARKER
) -> Callable[[Any], str]:
    """A function pk → the address of the URL `name` in `municipality`."""
    head, tail = reverse(
        name, kwargs={"municipality_slug": municipality.slug, "pk": marker}
    ).split(str(marker), 1)
    return lambda pk: f"{head}{pk}{tail}"

"""Quartier's OParl 1.1 server: read-only JSON at /oparl/ (serve.py builds the
objects; docs/oparl.md). Public objects only, whoever asks: the querysets in
serve.py are the permission, the same for guests and signed-in people, so no
answer depends on a session (CORS: core/cors.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from quartier.core import dates
from quartier.core.models import Municipality
from quartier.oparl import serve

FILTERS = ("modified_since", "modified_until", "created_since", "created_until")


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _filters(request: HttpRequest) -> dict[str, Any] | None:
    found = {}
    for name in FILTERS:
        raw = request.GET.get(name)
        if raw is None:
            continue
        # core/dates.py: ISO 8601 within the bounds every date of Quartier keeps,
        # so year 1 or 9999 with an offset is a 400, never an overflow.
        try:
            value = dates.parse_datetime(raw)
        except ValidationError:
            return None
        if value is None:
            return None
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        found[name] = value
    return found


# Lists are paged by the objects' ids (`after` in links.next, `before` in
# links.prev): a page deep in 10,000 papers reads its rows from the primary key
# instead of skipping all before it. The total is counted up to COUNT_LIMIT
# objects: beyond that `totalElements`, `totalPages` and links.last (all optional
# in OParl 1.1) are left out, so no request counts a whole table (issue 19).
COUNT_LIMIT = 1000
CURSORS = ("after", "before")


class BadCursor(ValueError):
    pass


def _cursor(request: HttpRequest) -> tuple[str, int] | None:
    """("after" or "before", id) from the query, None without one; BadCursor unless
    the id is a whole number that fits the database's ids."""
    for name in CURSORS:
        raw = request.GET.get(name)
        if raw is not None:
            if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
                raise BadCursor(raw)
            return (name, int(raw))
    return None


def _page(request: HttpRequest, qs: Any, render: Any) -> JsonResponse:
    filters = _filters(request)
    if filters is None:
        return _error(
            "modified_since, modified_until, created_since and created_until take "
            "an ISO 8601 date and time, e.g. 2026-01-31T12:00:00+01:00.",
            400,
        )
    size = getattr(settings, "OPARL_PAGE_SIZE", 20)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 0
    try:
        cursor = _cursor(request)
    except BadCursor:
        number = 0
    if number < 1:
        return _error("page must be a positive whole number.", 400)
    qs = serve.filtered(qs, filters) if qs is not None else None
    total = (
        qs.order_by().values("pk")[: COUNT_LIMIT + 1].count() if qs is not None else 0
    )
    known = total <= COUNT_LIMIT
    pages = max(1, -(-total // size))
    has_previous = number > 1
    if qs is None:
        rows = []
    elif cursor and cursor[0] == "before":
        rows = list(qs.filter(pk__lt=cursor[1]).order_by("-pk")[: size + 1])
        has_previous = len(rows) > size
        rows = rows[:size][::-1]
    elif cursor:
        rows = list(qs.filter(pk__gt=cursor[1])[: size + 1])
    else:
        # Page numbers without a cursor (the first page, links.last, old links).
        rows = list(qs[(number - 1) * size : number * size + 1])
    has_next = len(rows) > size if not (cursor and cursor[0] == "before") else True
    rows = rows[:size]
    if not rows:
        has_next = False
    base = serve.url_of(request.path)

    def link(n: int, cursor: tuple[str, int] | None = None) -> str:
        query = {k: v for k, v in request.GET.items() if k in FILTERS}
        query["page"] = str(n)
        if cursor:
            query[cursor[0]] = str(cursor[1])
        return f"{base}?{urlencode(query)}"

    links = {"first": link(1)}
    if known:
        links["last"] = link(pages)
    if has_previous and rows:
        links["prev"] = link(number - 1, ("before", rows[0].pk))
    if has_next:
        links["next"] = link(number + 1, ("after", rows[-1].pk))
    pagination: dict[str, int] = {"elementsPerPage": size, "currentPage": number}
    if known:
        pagination.update(totalElements=total, totalPages=pages)
    return _json(
        {
            "data": [render(row) for row in rows],
            "pagination": pagination,
            "links": links,
        }
    )


def _municipality(slug: str) -> Municipality | None:
    return Municipality.objects.active().filter(slug=slug).first()


@require_safe
def system(request: HttpRequest) -> JsonResponse:
    return _json(serve.system())


@require_safe
def bodies(request: HttpRequest) -> JsonResponse:
    return _page(request, serve.bodies(), serve.body)


@require_safe
def body(request: HttpRequest, slug: str) -> JsonResponse:
    municipality = _municipality(slug)
    if municipality is None:
        return _error("No such body.", 404)
    return _json(serve.body(municipality))


@require_safe
def object_list(request: HttpRequest, slug: str, kind: str) -> JsonResponse:
    municipality = _municipality(slug)
    if municipality is None or kind not in serve.KINDS:
        return _error("No such list.", 404)
    queryset, render = serve.KINDS[kind]
    return _page(request, queryset(municipality) if queryset else None, render)


@require_safe
def object_detail(request: HttpRequest, slug: str, kind: str, pk: int) -> JsonResponse:
    municipality = _municipality(slug)
    if municipality is None or kind not in serve.KINDS or serve.KINDS[kind][0] is None:
        return _error("No such object.", 404)
    queryset, render = serve.KINDS[kind]
    obj = queryset(municipality).filter(pk=pk).first()
    if obj is None:
        return _error("No such object.", 404)
    return _json(render(obj))

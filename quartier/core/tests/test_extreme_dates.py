# ruff: noqa: F811 - `world` is the truth table's fixture, used as a parameter
"""Extreme dates, times and weeks never give a 5xx, on any page or API operation.

Issue 11: `?week=9999-W52`, `?week=0001-W01`, `modified_after=0001-01-01T00:00:00`
and a booking on 9999-12-30 answered 500. Nothing here lists the places by hand:

- pages: every GET URL of the permission truth table is requested once as an admin
  while the query parameters the view *reads* are recorded; those with date-like
  names then get extreme values. The same pages' HTML forms are read, and every
  form with a date, time, week or month input is posted extreme values.
- API: the OpenAPI document's operations with a date-like query parameter or body
  property (by format or name) get extreme values.

Hypothesis draws the values with a fixed budget per URL, so the test stays cheap.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.accounts.models import ApiToken, hash_token
from quartier.core.tests.test_truth_table import CASES, world  # noqa: F401 - fixture

EXAMPLES = 12
NAMES = {"from", "to", "since", "until", "week", "date", "day", "month", "year"}
SUFFIXES = ("_at", "_on", "_date", "_day", "_week", "_month", "_time", "_after")
SUFFIXES += ("_before", "_since", "_until", "_from")
DATE_INPUTS = {"date", "datetime-local", "time", "week", "month"}

pytestmark = pytest.mark.django_db


def is_date_like(name: str, fmt: str | None = None) -> bool:
    name = name.lower()
    return (
        fmt in ("date", "date-time", "time")
        or name in NAMES
        or name.endswith(SUFFIXES)
        or name.startswith(("date_", "week_"))
    )


def test_date_like_names():
    for name in ("week", "from", "modified_after", "starts_at", "due_date", "date"):
        assert is_date_like(name)
    for name in ("mandate", "recommends_to", "q", "page", "status", "weeks"):
        assert not is_date_like(name)


_EDGES = [
    "0001-01-01",
    "9999-12-31",
    "9999-12-30T23:00:00",
    "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "9999-W52",
    "0001-W01",
    "2026-W00",
    "2026-W54",
    "1899-12-31",
    "2200-01-01",
    "2026-02-30",
    "24:00",
    "23:60",
    "9999-12",
    "0000-01",
    "1e400",
    "-1",
    "",
]
EXTREME = st.one_of(
    st.sampled_from(_EDGES),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
    st.builds(
        "{}{}".format,
        st.datetimes().map(lambda d: d.isoformat(timespec="seconds")),
        st.sampled_from(["Z", "+23:59", "-23:59", "+01:00"]),
    ),
    st.builds("{:04d}-W{:02d}".format, st.integers(0, 9999), st.integers(0, 60)),
    st.text(max_size=12),
)
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Start values for a whole set of parameters at once, in order (a start before its
# end), so that a check "end after start" does not hide what lies behind it.
_COHERENT = [
    ("0001-01-01T00:00:00+14:00", "0001-01-01T02:00:00+14:00"),
    ("9999-12-31T20:59:59-12:00", "9999-12-31T22:59:59-12:00"),
    ("0001-01-01T00:00:00", "0001-01-01T02:00:00"),
    ("9999-12-30T20:00:00", "9999-12-30T22:00:00"),
    ("0001-01-01", "0001-01-02"),
    ("9999-12-30", "9999-12-31"),
    ("9999-W52", "9999-W52"),
    ("0001-W01", "0001-W01"),
]
_LATER = ("end", "to", "until", "before", "due", "closes", "valid_to")


def _coherent(keys, first, second):
    return {k: second if any(w in k for w in _LATER) else first for k in keys}


def _extreme_values(keys):
    keys = sorted(keys)
    return st.one_of(
        st.sampled_from(_COHERENT).map(lambda pair: _coherent(keys, *pair)),
        st.fixed_dictionaries({key: EXTREME for key in keys}),
    )


def _edges(keys):
    """Every coherent edge, always sent (Hypothesis adds its random examples)."""
    return [_coherent(sorted(keys), *pair) for pair in _COHERENT]


# --- Discovery of what pages read ------------------------------------------------


class _FormsWithDates(HTMLParser):
    """POST forms of a page with date-like inputs: [(action, {names})]."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self._current: tuple[str, set[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = (attrs.get("action") or "", set())
        elif tag == "input" and self._current is not None:
            if (attrs.get("type") or "") in DATE_INPUTS and attrs.get("name"):
                self._current[1].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            if self._current[1]:
                self.forms.append(self._current)
            self._current = None


@pytest.fixture
def read_keys(monkeypatch):
    """Records every key a view reads from a QueryDict (GET or POST)."""
    seen: set[str] = set()
    originals = {
        name: getattr(MultiValueDict, name)
        for name in ("get", "__getitem__", "getlist", "__contains__")
    }

    def recording(name):
        original = originals[name]

        def method(self, key, *args, **kwargs):
            seen.add(key)
            return original(self, key, *args, **kwargs)

        return method

    for name in originals:
        monkeypatch.setattr(MultiValueDict, name, recording(name))
    return seen


def _discover(client, world, read_keys):
    """(url, date-like GET keys) and (post url, date-like input names) per page."""
    queries, posts = {}, {}
    for case in CASES:
        if case.method != "get" or case.data:
            continue
        url = reverse(case.name, kwargs=case.kwargs(world))
        read_keys.clear()
        response = client.get(url)
        keys = {k for k in read_keys if isinstance(k, str) and is_date_like(k)}
        if keys:
            queries[url] = keys
        if response.get("Content-Type", "").startswith("text/html"):
            parser = _FormsWithDates()
            parser.feed(response.content.decode(errors="replace"))
            for action, names in parser.forms:
                target = urlsplit(action or url)
                if target.netloc:
                    continue
                path = target.path or url
                if not path.startswith("/"):
                    continue
                posts.setdefault(path, set()).update(names)
    return queries, posts


def _send(send, url, keys, failures):
    for values in _edges(keys):
        _one(send, url, values, failures)

    @BUDGET
    @given(values=_extreme_values(keys))
    def request(values):
        _one(send, url, values, failures)

    request()


def _one(send, url, values, failures):
    try:
        status = send(url, values).status_code
    except Exception as exc:  # the test client re-raises what would be a 500
        raise AssertionError(f"{url} {values}: {exc!r}") from exc
    if status >= 500:
        failures.append((url, values, status))
    assert status < 500


def test_no_page_answers_5xx_to_extreme_dates(client_for, world, read_keys):
    client = client_for(world["admin"])
    queries, posts = _discover(client, world, read_keys)
    # Known date-taking pages must be found, or the discovery itself is broken.
    found = " ".join(queries)
    assert "/rooms/" in found and "/week/" in found, sorted(queries)
    assert any("/book/" in url for url in posts), sorted(posts)

    failures = []
    for url, keys in sorted(queries.items()):
        _send(client.get, url, keys, failures)
    for url, names in sorted(posts.items()):
        _send(client.post, url, names, failures)
    assert not failures


# --- The API ---------------------------------------------------------------------


def _format(schema: dict) -> str | None:
    if schema.get("format"):
        return schema["format"]
    for option in schema.get("anyOf", []):
        if option.get("format"):
            return option["format"]
    return None


def _resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _placeholder(doc: dict, schema: dict):
    schema = _resolve(doc, schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind is None and schema.get("anyOf"):
        return _placeholder(doc, schema["anyOf"][0])
    return {
        "string": {"date": "2026-06-01", "date-time": "2026-06-01T10:00:00+02:00"}.get(
            _format(schema) or "", "Test"
        ),
        "integer": 1,
        "number": 1,
        "boolean": False,
        "array": [],
        "object": {},
    }.get(kind, "Test")


def _path_values(world) -> dict[str, str]:
    """Values for the path parameters of date-taking operations. A new operation
    with a parameter not named here fails the test: add it."""
    return {
        "slug": world["municipality"].slug,
        "room_slug": world["rooms_public"].slug,
        "forum_slug": world["forums_forum"].slug,
        "meeting_id": str(world["forums_meeting"].pk),
        "tie_id": str(world["tie"].pk),
        "decision_id": str(world["decisions_decision"].pk),
        "initiative_id": str(world["initiative"].pk),
        "indicator_id": str(world["impact_recorded"].pk),
    }


def _date_operations(doc: dict):
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            query = {
                p["name"]
                for p in op.get("parameters", [])
                if p["in"] == "query"
                and is_date_like(p["name"], _format(p.get("schema", {})))
            }
            content = op.get("requestBody", {}).get("content", {})
            body_schema = content.get("application/json", {}).get("schema")
            body, fields = {}, set()
            if body_schema:
                schema = _resolve(doc, body_schema)
                for name, prop in schema.get("properties", {}).items():
                    if is_date_like(name, _format(prop)):
                        fields.add(name)
                    if name in schema.get("required", []):
                        body[name] = _placeholder(doc, prop)
            if query or fields:
                yield method, path, query, body, fields


def _call(client, auth, method, url, query, body, fields, failures):
    for query_values, body_values in zip(_edges(query), _edges(fields), strict=True):
        _api_one(client, auth, method, url, body, query_values, body_values, failures)

    @BUDGET
    @given(query_values=_extreme_values(query), body_values=_extreme_values(fields))
    def call(query_values, body_values):
        _api_one(client, auth, method, url, body, query_values, body_values, failures)

    call()


def _api_one(client, auth, method, url, body, query_values, body_values, failures):
    try:
        if method == "get":
            response = client.get(url, query_values, **auth)
        else:
            response = getattr(client, method)(
                f"{url}?{urlencode(query_values)}",
                data=json.dumps({**body, **body_values}),
                content_type="application/json",
                **auth,
            )
    except Exception as exc:  # the test client re-raises what would be a 500
        where = f"{method.upper()} {url} {query_values} {body_values}"
        raise AssertionError(f"{where}: {exc!r}") from exc
    if response.status_code >= 500:
        failures.append((method, url, query_values, body_values))
    assert response.status_code < 500


def test_no_api_operation_answers_5xx_to_extreme_dates(client, world):
    doc = json.loads(client.get("/api/v1/openapi.json").content)
    operations = list(_date_operations(doc))
    names = {f"{method} {path}" for method, path, *_ in operations}
    assert any("/availability" in n for n in names), names
    assert any(n.startswith("post ") for n in names), names
    raw = "qt_extreme-dates-token"
    ApiToken.objects.create(
        user=world["admin"], name="dates", token_hash=hash_token(raw), hint="qt_e"
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    values = _path_values(world)
    failures, unknown = [], []
    for method, path, query, body, fields in operations:
        params = re.findall(r"{(\w+)}", path)
        if any(p not in values for p in params):
            unknown.append(f"{method} {path}")
            continue
        url = re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)

        _call(client, auth, method, url, query, body, fields, failures)
    assert not unknown, f"path parameters without a value in _path_values: {unknown}"
    assert not failures

"""Browser tests: Playwright's Python API driving Debian's Chromium against
pytest-django's live server.

Every page a test sees is scanned with axe-core (WCAG 2.0/2.1 A and AA): navigate
through `Tab.visit`, or call `Tab.scan` after a click that loads a page. The `tab`
fixture records every main-frame navigation and fails the test at teardown when
one of them was never scanned, so no page escapes the scan.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses
# to run in a thread with a running loop unless told it is safe. It is here: the
# loop only drives the browser, the ORM calls stay synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = (
    Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "quartier-test-pw"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session; each test gets its own context."""
    if not CHROMIUM.exists():
        # Never skip: a machine without the browser must not pass the browser pass.
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install -y chromium", pytrace=False
        )
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run npm ci", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _browser_settings(settings: Any) -> None:
    # The live server speaks plain http; Secure cookies would not come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _sectors(transactional_db: Any) -> None:
    """The sectors come from a data migration, which the transactional flush of
    the previous live-server test has wiped: put them back."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("quartier.actors.migrations.0002_sectors")
    migration.create(apps, None)


class AccessibilityError(AssertionError):
    pass


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core found {len(violations)} violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}")
        for node in v["nodes"][:8]:
            target = " ".join(json.dumps(t) for t in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page: Any) -> None:
    """Run axe-core on the page as it is now; fail listing every violation.

    axe is injected with `page.evaluate`, which runs through the DevTools protocol
    and is not subject to the page's Content-Security-Policy, so the pages are
    tested with the real CSP (script-src 'self') in force: an inline script or
    style the CSP blocks shows up as a broken page, not as a passing test.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    if result["violations"]:
        raise AccessibilityError(format_violations(page.url, result["violations"]))


class LayoutError(AssertionError):
    pass


# One evaluate per page and width: the visible interactive elements that overlap
# each other, and (on a phone) what makes the page scroll sideways.
LAYOUT_JS = """() => {
  const W = window.innerWidth;
  const SEL = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
            + '[tabindex]:not([tabindex="-1"])';
  const hidden = e => {
    // checkVisibility: display none, a closed <details>, content-visibility hidden.
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) return true;
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return true;
      if (n.classList.contains('kern-sr-only') || n.classList.contains('q-hp')) return true;
      if (s.position === 'absolute' && s.clipPath && s.clipPath.startsWith('inset(50%')) return true;
      if (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const name = e => {
    const t = (e.innerText || e.value || e.getAttribute('aria-label') || e.name || '').trim();
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + t.split('\\n')[0].slice(0, 60) + '"';
  };
  // Maps draw their markers where the places are; several may share a spot.
  const items = [...document.querySelectorAll(SEL)]
    .filter(e => !e.closest('.leaflet-container, .q-skip-link'))
    .filter(e => !hidden(e))
    .map(e => {
      // The element's boxes and those of its contents: a label that spills out of a
      // too narrow button is drawn over its neighbour even when the boxes are not.
      const boxes = [...e.getClientRects()];
      const texts = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        if (!t.data.trim() || hidden(t.parentElement)) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        boxes.push(...range.getClientRects());
      }
      const rects = boxes
        .filter(r => r.width > 1 && r.height > 1)
        .map(r => ({l: r.left + scrollX, r: r.right + scrollX,
                    t: r.top + scrollY, b: r.bottom + scrollY}));
      return {e, rects};
    })
    .filter(i => i.rects.length);
  const overlaps = [];
  pairs: for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      // A label's control and a control inside the other's label are one target.
      if (a.e.labels && [...a.e.labels].some(l => l.contains(b.e))) continue;
      if (b.e.labels && [...b.e.labels].some(l => l.contains(a.e))) continue;
      const hit = a.rects.some(p => b.rects.some(q =>
        Math.min(p.r, q.r) - Math.max(p.l, q.l) > 1 && Math.min(p.b, q.b) - Math.max(p.t, q.t) > 1));
      if (hit) overlaps.push(name(a.e) + ' overlaps ' + name(b.e));
      if (overlaps.length >= 8) break pairs;
    }
  }
  // Sideways: the document, and every scrolling table or chart without a visible hint.
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right + scrollX > W + 1)
    .filter(e => !e.closest('.q-table-wrap, .q-chart, .q-skip-link, .leaflet-container'))
    // The network graph's layers are sized by Cytoscape a moment after a resize; its
    // container clips them (overflow: hidden) and is itself checked.
    .filter(e => !(e.parentElement && e.parentElement.closest('.q-network-canvas')))
    .filter(e => !hidden(e))
    .slice(0, 5).map(e => e.outerHTML.slice(0, 160));
  const silent = [...document.querySelectorAll('.q-table-wrap, .q-chart')]
    .filter(w => !hidden(w) && w.scrollWidth > w.clientWidth + 1)
    .filter(w => {
      const s = getComputedStyle(w).overflowX;
      const scrolls = s === 'auto' || s === 'scroll';
      const hints = [...(w.parentElement || w).querySelectorAll('.q-scroll-hint')]
        .some(h => !hidden(h) && h.getClientRects().length);
      // A wrapper that lets its content show (cards on a phone) is judged by the
      // page's own width above; one that scrolls must say so, one that cuts hides.
      if (s === 'visible') return false;
      return !(scrolls && hints);
    })
    .slice(0, 5).map(w => w.outerHTML.slice(0, 160));
  return {width: W, scrollWidth: document.documentElement.scrollWidth,
          overlaps, wide, silent};
}"""


def assert_layout(page: Any) -> None:
    """No two visible interactive elements overlap; nothing makes the page
    scroll sideways; a table or chart that scrolls inside itself says so."""
    found = page.evaluate(LAYOUT_JS)
    problems = [f"- {o}" for o in found["overlaps"]]
    if found["scrollWidth"] > found["width"]:
        problems.append(
            f"- the page is {found['scrollWidth']} px wide at {found['width']} px; "
            f"too wide: {found['wide']}"
        )
    elif found["wide"] and found["width"] <= PHONE_WIDTH:
        problems.append(f"- cut off at the right edge: {found['wide']}")
    problems += [
        f"- scrolls sideways without a visible hint (.q-scroll-hint): {w}"
        for w in found["silent"]
    ]
    if problems:
        raise LayoutError(
            f"layout at {found['width']} px on {page.url}:\n" + "\n".join(problems)
        )


PHONE_WIDTH = 360
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


class Tab:
    """A page in a fresh browser context, with helpers that scan what they load.

    Every scan also checks the layout (`assert_layout`) at the tab's width; a tab
    with `layout_widths` (the `both_widths` marker) checks it at each of them.
    """

    layout_widths: tuple[dict[str, int], ...] = ()

    def __init__(self, page: Any, base_url: str, scanner: Any = None):
        self.page = page
        self.scanner = scanner
        self.base_url = base_url
        self.navigated: list[str] = []
        self.scanned: set[str] = set()
        self.console_errors: list[str] = []
        self.expected_errors: set[str] = set()
        page.on("framenavigated", self._on_navigated)
        page.on("console", self._on_console)
        page.on(
            "pageerror",
            lambda exc: self.console_errors.append(f"{self.page.url}: {exc}"),
        )

    def _on_navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame and frame.url.startswith("http"):
            # A jump to a fragment of a scanned page is the same page.
            self.navigated.append(frame.url.split("#")[0])

    def _on_console(self, message: Any) -> None:
        # Chromium asks for /favicon.ico on its own; Quartier has none (yet).
        source = (message.location or {}).get("url", "")
        expected = source.endswith("/favicon.ico") or source in self.expected_errors
        if message.type == "error" and not expected:
            self.console_errors.append(f"{self.page.url}: {message.text} ({source})")

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def visit(self, path: str, status: int = 200) -> Any:
        """Go to `path`, check the HTTP status and scan the page."""
        if status >= 400:
            # Chromium logs the error status of the page itself to the console.
            self.expected_errors.add(self.url(path))
        response = self.page.goto(self.url(path))
        assert response is not None
        assert response.status == status, (
            f"GET {path}: {response.status}, expected {status}"
        )
        self.scan()
        return response

    def scan(self) -> None:
        if self.scanner is None:
            assert_accessible(self.page)
        else:
            self._scan_copy()
        self.check_layout()
        self.scanned.add(self.page.url.split("#")[0])

    def check_layout(self) -> None:
        """The layout check at this tab's width, and at each of `layout_widths`."""
        assert_layout(self.page)
        own = self.page.viewport_size
        others = [w for w in self.layout_widths if w["width"] != own["width"]]
        for size in others:
            self.page.set_viewport_size(size)
            try:
                assert_layout(self.page)
            finally:
                self.page.set_viewport_size(own)

    def _scan_copy(self) -> None:
        """Scan a page shown without JavaScript.

        axe.run needs timers, and a context without JavaScript runs none, so the
        evaluation would never finish. Instead the DOM exactly as the browser built
        it without JavaScript is served again, at the same address (so styles load
        the same way), to a page of a context with JavaScript, whose own scripts
        are blocked; axe scans that copy.
        """
        self.page.wait_for_load_state("load")
        html = self.page.content()
        url = self.page.url
        copy = self.scanner.new_page()
        try:
            copy.route("**/*.js", lambda route: route.abort())
            copy.route(
                url, lambda route: route.fulfill(body=html, content_type="text/html")
            )
            copy.goto(url)
            assert_accessible(copy)
        finally:
            copy.close()

    def path(self) -> str:
        """The current URL without scheme and host."""
        return self.page.url.removeprefix(self.base_url)

    def login(self, email: str, password: str = PASSWORD, next_path: str = "") -> None:
        """Sign in through the real allauth form."""
        query = f"?next={next_path}" if next_path else ""
        self.visit(f"/accounts/login/{query}")
        self.page.fill("input[name=login]", email)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.locator(
                "form:has(input[name=password]) [type=submit]"
            ).first.click()
        assert "/accounts/login/" not in self.page.url, f"sign-in failed for {email}"
        self.scan()

    def force_login(self, user: Any) -> None:
        """Sign in without the form (the form itself is tested in test_roles.py):
        a session made by Django's test client, its cookie handed to the browser."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def unscanned(self) -> list[str]:
        return [u for u in dict.fromkeys(self.navigated) if u not in self.scanned]


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers",
        "both_widths: check the layout of every page at 1280 and at 360 px",
    )


def _new_tab(
    browser: Any, live_server: Any, request: Any = None, **context_options: Any
) -> Iterator[Tab]:
    context = browser.new_context(locale="de-DE", **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    scanner = None
    if context_options.get("java_script_enabled") is False:
        scanner = browser.new_context(
            locale="de-DE", viewport=context_options.get("viewport")
        )
        scanner.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    tab = Tab(page, live_server.url, scanner=scanner)
    if request is not None and request.node.get_closest_marker("both_widths"):
        tab.layout_widths = (DESKTOP, PHONE)
    try:
        yield tab
    finally:
        context.close()
        if scanner is not None:
            scanner.close()
    missed = tab.unscanned()
    assert not missed, f"pages loaded but never scanned with axe: {missed}"
    assert not tab.console_errors, "errors in the browser console:\n" + "\n".join(
        tab.console_errors
    )


@pytest.fixture
def tab(browser: Any, live_server: Any, request: Any) -> Iterator[Tab]:
    """A fresh context (no cookies) at a desktop size, JavaScript on."""
    yield from _new_tab(browser, live_server, request, viewport=DESKTOP)


@pytest.fixture
def nojs_tab(browser: Any, live_server: Any, request: Any) -> Iterator[Tab]:
    """A fresh context with JavaScript switched off."""
    yield from _new_tab(
        browser, live_server, request, java_script_enabled=False, viewport=DESKTOP
    )


@pytest.fixture
def phone_tab(browser: Any, live_server: Any, request: Any) -> Iterator[Tab]:
    """A fresh context at 360 × 740 CSS pixels, the narrowest phone we support."""
    yield from _new_tab(
        browser,
        live_server,
        request,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def world(
    municipality: Any,
    other_municipality: Any,
    neighborhood: Any,
    resident: Any,
    partner: Any,
    coordinator: Any,
    admin_user: Any,
    other_admin: Any,
) -> dict[str, Any]:
    """Musterstadt with public and internal actors, a tie, a partner linked to
    its actor, an adviser (who reads no internal data) and an internal actor
    of Beispielheim."""
    from quartier.accounts.tests.factories import UserFactory
    from quartier.actors.models import ActorMember, Sector
    from quartier.actors.tests.factories import ActorFactory, TieFactory

    municipality.description = "<p>Eine Stadt mit vielen Quartieren.</p>"
    municipality.save()
    adviser = UserFactory(email="fachberatung@test.example", is_adviser=True)
    health = Sector.objects.filter(code="gesundheitswesen")
    education = Sector.objects.filter(code="bildung")
    sport = ActorFactory(
        municipality=municipality,
        name="Sportverein Sonnenberg",
        description="<p>Bewegung für alle Generationen.</p>",
        sectors=health,
        website="https://www.sportverein-sonnenberg-und-umgebung.example/angebote/bewegung-im-alter",
        email="kontakt-und-anmeldung@sportverein-sonnenberg-und-umgebung.example",
        phone="0711 123456",
        address="Am Sportplatz 1, 70000 Musterstadt",
    )
    sport.neighborhoods.add(neighborhood)
    family = ActorFactory(
        municipality=municipality,
        name="Familienzentrum Mitte",
        kind="initiative",
        sectors=education,
    )
    internal = ActorFactory(
        municipality=municipality,
        name="Runder Tisch Gesundheit",
        kind="administration",
        visibility="internal",
        sectors=health,
    )
    TieFactory(
        source=sport, target=family, kind="cooperation", note="Gemeinsames Sommerfest"
    )
    ActorMember.objects.create(actor=sport, user=partner)
    foreign = ActorFactory(
        municipality=other_municipality,
        name="Geheimer Kreis Beispielheim",
        visibility="internal",
    )
    return {
        "municipality": municipality,
        "other_municipality": other_municipality,
        "neighborhood": neighborhood,
        "sport": sport,
        "family": family,
        "internal": internal,
        "foreign": foreign,
        "users": {
            "resident": resident,
            "partner": partner,
            "coordinator": coordinator,
            "admin": admin_user,
            "other_admin": other_admin,
            "adviser": adviser,
        },
    }


@pytest.fixture
def assert_fits_phone():
    """assert_fits_phone(tab): the page does not scroll sideways at 360 px."""

    def check(tab):
        widths = tab.page.evaluate(
            """() => ({doc: document.documentElement.scrollWidth,
                       body: document.body.scrollWidth,
                       wide: [...document.querySelectorAll('body *')]
                         .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                         .filter(e => !e.closest('.q-table-wrap, .q-skip-link'))
                         .slice(0, 5).map(e => e.outerHTML.slice(0, 120))})"""
        )
        assert widths["doc"] <= PHONE_WIDTH, (
            f"{tab.path()} is {widths['doc']} px wide: {widths['wide']}"
        )
        assert widths["body"] <= PHONE_WIDTH, (
            f"{tab.path()} is {widths['body']} px wide: {widths['wide']}"
        )

    return check

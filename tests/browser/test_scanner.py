"""The axe-core scan itself: it must find real problems, or every other test is
silent about accessibility."""

import pytest

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html><html><head><title>Kaputt</title></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"><input type="text"><p id="twice">a</p><p id="twice">b</p>
</main></body></html>"""


def test_scan_reports_violations_with_rule_and_selector(tab):
    tab.page.set_content(BROKEN)

    with pytest.raises(AssertionError) as failure:
        tab.scan()

    report = str(failure.value)
    assert "html-has-lang" in report
    assert "image-alt" in report
    assert '"img"' in report
    assert "label" in report


def test_scan_of_a_page_without_javascript_reports_violations(nojs_tab, live_server):
    # Served by the live server so the copy for the scan has a real address.
    nojs_tab.page.route(
        f"{live_server.url}/kaputt/",
        lambda route: route.fulfill(body=BROKEN, content_type="text/html"),
    )
    nojs_tab.page.goto(f"{live_server.url}/kaputt/")

    with pytest.raises(AssertionError, match="image-alt"):
        nojs_tab.scan()
    nojs_tab.scanned.add(f"{live_server.url}/kaputt/")

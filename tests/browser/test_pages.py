"""Every other page a person reaches passes the accessibility scan too."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.both_widths]


def test_admin_pages_pass_the_scan(tab, world):
    tab.force_login(world["users"]["admin"])
    slug = world["neighborhood"].slug
    sport = world["sport"]
    for path in [
        "/musterstadt/settings/",
        "/musterstadt/audit/",
        "/musterstadt/members/",
        "/musterstadt/neighborhoods/new/",
        f"/musterstadt/neighborhoods/{slug}/",
        f"/musterstadt/neighborhoods/{slug}/edit/",
        f"/musterstadt/actors/{sport.pk}/edit/",
        f"/musterstadt/actors/{sport.pk}/ties/new/",
        "/musterstadt/actors/?archived=on",
    ]:
        tab.visit(path)


def test_account_pages_pass_the_scan(tab, world):
    tab.force_login(world["users"]["resident"])
    for path in [
        "/accounts/me/",
        "/accounts/me/tokens/",
        "/accounts/me/delete/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/sessions/",
    ]:
        tab.visit(path)


def test_anonymous_pages_pass_the_scan(tab, world):
    for path in [
        "/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]:
        tab.visit(path)
    tab.visit("/gibt-es-nicht/", status=404)
    tab.visit(f"/musterstadt/actors/{world['internal'].pk}/", status=404)


def test_kern_styles_and_htmx_load_under_the_content_security_policy(tab, world):
    failed = []
    tab.page.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    response = tab.visit("/musterstadt/actors/")

    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp
    assert [f for f in failed if not f.endswith("/favicon.ico")] == []
    # kern.min.css applies: its primary button is filled, its font is Fira Sans.
    button = tab.page.locator("form[role=search] button[type=submit]")
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "rgb(239, 239, 239)",
    )
    assert "Fira Sans" in tab.page.evaluate(
        "() => getComputedStyle(document.body).fontFamily"
    )
    # quartier.css applies: the skip link waits off screen until it gets focus.
    assert (
        tab.page.locator(".q-skip-link").evaluate(
            "e => e.getBoundingClientRect().right"
        )
        < 0
    )
    assert tab.page.evaluate("() => typeof window.htmx") == "object"

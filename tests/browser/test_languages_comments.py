"""Translated comments in Chromium (issue 20): the contribution page in Arabic with
a translated comment passes axe and the layout check at 1280 and 360 px, for a
reader (the Arabic translation open under the original) and for a translator (who
unfolds "translate" and follows a language to the form)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.both_widths
def test_the_contribution_page_in_arabic_with_a_translated_comment(tab, world):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory
    from quartier.participation.tests.factories import (
        CommentFactory,
        ContributionFactory,
    )
    from quartier.translations import services

    municipality = world["municipality"]
    translator = UserFactory(
        email="uebersetzung@test.example", display_name="Oksana T."
    )
    MembershipFactory(user=translator, municipality=municipality, role="translator")
    contribution = ContributionFactory(
        municipality=municipality,
        neighborhood=world["neighborhood"],
        title="Mehr Bänke im Park",
        text="Ältere Menschen möchten im Schatten sitzen.",
    )
    comment = CommentFactory(
        contribution=contribution,
        author=world["users"]["resident"],
        text="Gute Idee, am besten unter den Linden am Spielplatz.",
    )
    for language, text in (
        ("ar", "فكرة جيدة، والأفضل تحت أشجار الزيزفون عند الملعب."),
        ("tr", "İyi fikir, en iyisi oyun alanındaki ıhlamurların altında."),
    ):
        services.translation_save(
            by=translator, obj=comment, language=language, texts={"text": text}
        )
    tab.page.context.add_cookies(
        [{"name": "django_language", "value": "ar", "url": tab.base_url}]
    )
    page = contribution.get_absolute_url()
    tab.visit(page)
    arabic = tab.page.locator(f"#q-translation-comment-{comment.pk}-ar")
    assert arabic.get_attribute("open") is not None
    assert arabic.locator("[lang=ar]").last.is_visible()
    assert tab.page.locator("html").get_attribute("dir") == "rtl"
    # The Turkish one is folded; a reader unfolds it without JavaScript's help.
    turkish = tab.page.locator(f"#q-translation-comment-{comment.pk}-tr")
    assert not turkish.locator("div[lang=tr]").is_visible()
    turkish.locator("summary").click()
    assert turkish.locator("div[lang=tr]").is_visible()
    tab.scan()

    tab.force_login(translator)
    tab.visit(page)
    more = tab.page.locator(f"#comment-{comment.pk} .q-translations__more")
    more.locator("summary").click()
    tab.scan()
    with tab.page.expect_navigation():
        more.locator("a[lang=de]").click()
    tab.scan()
    assert f"/participation.comment/{comment.pk}/de/" in tab.page.url

"""Every template that links glossary terms (`|glossary_terms:`) is walked: each call
site's filter chain is rendered with generated text — plain (escaped) and cleaned
HTML (as the services store rich text) — and must stay well-formed, never nest
links and add only the linker's and the line-break filters' own elements. A new
call site is covered without a change here."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from django.template import Context, Template
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.core.sanitize import clean_html
from quartier.glossary.tests.test_linker import LINKER, TERMS, fragment, parse

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(
    r"\{\{\s*([\w.]+)((?:\|[\w]+(?::\"[^\"]*\"|:[\w.]+)?)*)\|glossary_terms:[\w.]+\s*\}\}"
)


def _call_sites() -> list[tuple[str, str]]:
    sites = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        source = path.read_text(encoding="utf-8")
        if "glossary_terms" not in source:
            continue
        found = CALL.findall(source)
        assert found, f"{path}: glossary_terms used in a form this test cannot read"
        for _expr, filters in found:
            sites.append((str(path.relative_to(ROOT)), filters))
    return sites


SITES = _call_sites()
MUNICIPALITY = SimpleNamespace(_glossary_linker=LINKER)
SCRIPTED = st.one_of(fragment, st.just("<script>alert(1)</script> Quartier"))


def test_the_public_texts_link_glossary_terms():
    files = {path for path, _f in SITES}
    for expected in (
        "forums/templates/forums/forum_detail.html",
        "forums/templates/forums/decision_detail.html",
        "participation/templates/participation/contribution_detail.html",
        "initiatives/templates/initiatives/initiative_detail.html",
        "stories/templates/stories/story_detail.html",
        "impact/templates/impact/goal_detail.html",
        "glossary/templates/glossary/leitbild.html",
    ):
        assert expected in files, f"{expected} no longer links glossary terms"


@settings(max_examples=60, deadline=None)
@given(SCRIPTED)
def test_every_call_site_stays_well_formed_and_safe(raw):
    for path, filters in SITES:
        template = Template(
            "{% load glossary %}{{ x" + filters + "|glossary_terms:m }}"
        )
        cleaned = clean_html(raw)
        if "|safe" in filters:
            # `|safe` on a stored text: the services store rich text cleaned.
            inputs = [(cleaned, cleaned)]
        else:
            inputs = [(raw, ""), (mark_safe(cleaned), cleaned)]  # noqa: S308
        for value, source in inputs:
            out = template.render(Context({"x": value, "m": MUNICIPALITY}))
            tree = parse(out)
            assert not tree.broken and not tree.stack, (path, raw, out)
            assert not tree.nested_link, (path, out)
            assert "<script" not in out, (path, out)
            added = list(tree.tags)
            for tag in parse(source).tags:
                if tag in added:
                    added.remove(tag)
            assert set(added) <= {"a", "dfn", "p", "br"}, (path, out)
            for i in range(len(TERMS)):
                assert out.count(f'href="/musterstadt/glossary/t{i}/"') <= 1

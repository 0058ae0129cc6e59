"""The term linker (glossary/linker.py): generated texts and HTML prove that the
output is well-formed, links never nest, headings stay untouched, the text is
unchanged apart from markup, and term names cannot inject markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.core.sanitize import clean_html
from quartier.glossary.linker import VOID, build_linker

TERMS = ["Quartier", "Gesundheit", "Gesundheitsförderung", "Teilhabe", "<b>x</b>"]
LINKER = build_linker(
    [(t, f"/musterstadt/glossary/t{i}/") for i, t in enumerate(TERMS)]
)


class Tree(HTMLParser):
    """Checks nesting and collects the text and the text of headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.headings = [], [], []
        self.nested_link = self.broken = False
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        if tag == "a" and "a" in self.stack:
            self.nested_link = True
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.broken = True
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if any(t in ("h2", "h3") for t in self.stack):
            self.headings.append(data)


def parse(html):
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree


words = st.sampled_from(
    [
        "Quartier",
        "quartier",
        "GESUNDHEIT",
        "Gesundheitsförderung",
        "Teilhabe",
        "Teilhaber",
        "und",
        "<b>x</b>",
        "&",
        "<",
        "Quartiers",
        "ä",
        " ",
        "\n",
        "-",
    ]
)
text = st.lists(words, max_size=12).map(" ".join)


def _element(parts):
    tag, children = parts
    attrs = ' href="/x"' if tag == "a" else ""
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


TAGS = ["p", "em", "strong", "a", "h2", "h3", "li", "code"]
fragment = st.recursive(
    text,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(TAGS), st.lists(inner, max_size=3)).map(_element),
        st.lists(inner, max_size=3).map("".join),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(fragment)
def test_linked_html_keeps_text_structure_and_safety(raw):
    html = clean_html(raw)
    before = parse(html)
    out = str(LINKER.link(mark_safe(html)))  # noqa: S308 - sanitised above
    after = parse(out)
    assert not after.broken and not after.stack
    assert not after.nested_link
    assert "".join(after.text) == "".join(before.text)
    assert after.headings == before.headings
    # Only the linker's own elements are added, so a term name cannot inject markup.
    added = list(after.tags)
    for tag in before.tags:
        added.remove(tag)
    assert set(added) <= {"a", "dfn"}
    assert added.count("a") == added.count("dfn")
    # each term at most once
    for i in range(len(TERMS)):
        assert out.count(f'href="/musterstadt/glossary/t{i}/"') <= 1


@settings(max_examples=200, deadline=None)
@given(text)
def test_plain_text_is_escaped_before_linking(raw):
    out = str(LINKER.link(raw))
    tree = parse(out)
    assert "".join(tree.text) == raw.replace("\r", "\n") or "".join(tree.text) == raw
    assert set(tree.tags) <= {"a", "dfn"}


def test_first_occurrence_only_word_boundaries_and_case_kept():
    out = str(LINKER.link("Quartiers Quartier und quartier; Gesundheitsförderung."))
    assert out.count("<dfn>") == 2
    assert "<dfn>Quartier</dfn></a> und quartier" in out
    assert "Quartiers <a" in out.replace("\n", "")
    assert "<dfn>Gesundheitsförderung</dfn>" in out


def test_it_never_links_inside_links_or_headings():
    html = '<h2>Quartier</h2><p><a href="/y">Quartier</a> und Quartier</p>'
    out = str(LINKER.link(mark_safe(html)))  # noqa: S308 - fixed test markup
    assert out.startswith("<h2>Quartier</h2>")
    assert '<a href="/y">Quartier</a> und <a class="kern-link q-term"' in out


def test_a_term_name_with_markup_is_text():
    out = str(LINKER.link("Hier steht <b>x</b>."))
    assert "<b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out


@pytest.mark.django_db
def test_the_filter_loads_terms_once_per_municipality_object(
    municipality, django_assert_num_queries
):
    from quartier.glossary.tests.factories import make_term

    make_term(municipality, "Sozialraum")
    template = Template(
        "{% load glossary %}{% for t in texts %}{{ t|glossary_terms:m }}{% endfor %}"
    )
    with django_assert_num_queries(1):
        out = template.render(
            Context({"texts": ["Sozialraum"] * 20, "m": municipality})
        )
    assert out.count("<dfn>Sozialraum</dfn>") == 20


@pytest.mark.django_db
def test_a_decision_page_links_a_glossary_term(client_for, municipality):
    from quartier.glossary.tests.factories import make_decision, make_term

    term = make_term(municipality, "Sozialraum")
    decision = make_decision(municipality, text="Der Sozialraum <Sonnenberg> zählt.")
    html = client_for(None).get(decision.get_absolute_url()).content.decode()
    assert (
        f'<a class="kern-link q-term" href="{term.get_absolute_url()}">'
        "<dfn>Sozialraum</dfn></a> &lt;Sonnenberg&gt; zählt." in html
    )

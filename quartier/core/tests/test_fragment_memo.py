"""`{% memo %}` (core/templatetags/fragment_memo.py): the parts of the base layout
rendered once per process are served to the next viewer only when everything they
show is the same for that viewer — held at compile time (a fragment that reads an
unkeyed variable does not compile) and by pages (docs/benchmarks.md, session 7)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from quartier.accounts.models import Membership
from quartier.core.context_processors import nav_section
from quartier.core.templatetags import fragment_memo

LOAD = "{% load i18n static fragment_memo %}"


def _template(body: str) -> Template:
    return Template(LOAD + body)


@pytest.mark.parametrize(
    "body",
    [
        "{% memo a %}{{ b }}{% endmemo %}",
        "{% memo a %}{{ a|default:b }}{% endmemo %}",
        "{% memo a %}{% if b %}x{% endif %}{% endmemo %}",
        "{% memo a %}{% for x in items %}{{ x }}{% endfor %}{% endmemo %}",
        "{% memo a %}{% url 'actors:list' municipality_slug=m.slug %}{% endmemo %}",
        "{% memo m %}{{ m.name }}{% endmemo %}",  # an object key does not cover a field
        "{% memo a %}{% blocktranslate %}{{ name }}{% endblocktranslate %}{% endmemo %}",
        "{% memo a %}{% memo b %}{{ c }}{% endmemo %}{% endmemo %}",
    ],
)
def test_a_fragment_that_reads_an_unkeyed_variable_does_not_compile(body):
    with pytest.raises(TemplateSyntaxError, match="not keyed"):
        _template(body)


@pytest.mark.parametrize(
    "body",
    [
        "{% memo %}{% csrf_token %}{% endmemo %}",
        "{% memo %}{% include 'includes/pagination.html' %}{% endmemo %}",
        "{% memo %}{% now 'Y' %}{% endmemo %}",
        "{% memo %}{% cycle 'a' 'b' %}{% endmemo %}",
    ],
)
def test_tags_whose_inputs_it_cannot_see_are_refused(body):
    with pytest.raises(TemplateSyntaxError, match="cannot see"):
        _template(body)


def test_keys_are_plain_variables():
    with pytest.raises(TemplateSyntaxError, match="plain variables"):
        _template("{% memo a|lower %}{{ a }}{% endmemo %}")
    with pytest.raises(TemplateSyntaxError, match="plain variables"):
        _template("{% memo 'x' %}x{% endmemo %}")


def test_keyed_loops_conditions_and_names_set_inside_compile():
    template = _template(
        "{% memo items m.slug flag %}{% for x in items %}{{ forloop.counter }}{{ x }}"
        "{% endfor %}{% if flag %}!{% endif %}{% url 'actors:list' "
        "municipality_slug=m.slug as there %}{{ there }}{% get_current_language as L %}"
        "{{ L }}{% endmemo %}"
    )
    with translation.override("de"):
        out = template.render(
            Context({"items": ["a", "b"], "m": {"slug": "musterstadt"}, "flag": True})
        )
    assert out == "1a2b!/musterstadt/actors/de"


def test_one_rendering_per_key_and_the_next_key_renders_afresh():
    template = _template("{% memo a %}<{{ a }}>{% endmemo %}")
    node = next(n for n in template.nodelist if isinstance(n, fragment_memo.MemoNode))
    calls = []
    render = node.nodelist.render
    node.nodelist.render = lambda context: calls.append(1) or render(context)

    assert template.render(Context({"a": 1})) == "<1>"
    assert template.render(Context({"a": 1})) == "<1>"
    assert template.render(Context({"a": 2})) == "<2>"
    assert len(calls) == 2


def test_the_active_language_is_part_of_every_key():
    template = _template('{% memo %}{% translate "Sign out" %}{% endmemo %}')
    with translation.override("de"):
        german = template.render(Context())
    with translation.override("en"):
        english = template.render(Context())
    assert (german, english) == ("Abmelden", "Sign out")


def test_a_value_that_cannot_be_a_key_renders_every_time():
    class Thing:
        def __init__(self, name):
            self.name = name

        def __str__(self):
            return self.name

    template = _template("{% memo a %}{{ a }}{% endmemo %}")
    assert template.render(Context({"a": Thing("one")})) == "one"
    assert template.render(Context({"a": Thing("two")})) == "two"


def test_names_set_inside_do_not_leak_out_so_hits_and_misses_agree():
    template = _template(
        "{% memo %}{% get_current_language as L %}{% endmemo %}[{{ L }}]"
    )
    assert template.render(Context()) == "[]"
    assert template.render(Context()) == "[]"


def test_a_changed_setting_empties_every_fragment(settings):
    template = _template("{% memo %}{% static 'quartier/quartier.css' %}{% endmemo %}")
    before = template.render(Context())
    settings.STATIC_URL = "/elsewhere/"
    assert template.render(Context()) != before
    assert template.render(Context()).startswith("/elsewhere/")


def test_every_project_template_with_a_memo_compiles():
    """The check runs when a template is compiled: compile every template of the
    project that uses {% memo %}, so a new fragment that reads an unkeyed variable
    fails here, not on a page."""
    engine = Engine.get_default()
    roots = [Path(settings.BASE_DIR) / "quartier"]
    found = []
    for root in roots:
        for path in root.rglob("templates/**/*.html"):
            if "{% memo" not in path.read_text(encoding="utf-8"):
                continue
            name = str(path).split("/templates/", 1)[1]
            engine.get_template(name)
            found.append(name)
    assert "base.html" in found
    assert "legal/footer_links.html" in found


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace, pattern.name


def _marked_by_the_navigation(app_name, view_name):
    """Which navigation items base.html marked aria-current before it kept its
    navigation: the conditions it spelt out for each item."""
    marked = set()
    if view_name == "core:municipality":
        marked.add("overview")
    if view_name == "core:overview":
        marked.add("my_overview")
    if app_name in ("participation", "surveys"):
        marked.add("participation")
    for app in ("directory", "actors", "initiatives", "rooms", "funds", "members"):
        if app_name == app:
            marked.add(app)
    if view_name == "forums:list":
        marked.add("forums")
    if view_name == "forums:decisions":
        marked.add("decisions")
    return marked


def test_every_url_belongs_to_at_most_one_navigation_item_as_spelt_out():
    """The navigation is kept per section (one word), so each URL pattern must map
    to the single item base.html marks for it: walk every named pattern."""
    seen = 0
    for namespace, name in _patterns():
        view_name = f"{namespace}:{name}" if namespace else name
        request = RequestFactory().get("/")
        request.resolver_match = type(
            "Match", (), {"view_name": view_name, "app_name": namespace}
        )()
        expected = _marked_by_the_navigation(namespace, view_name)
        assert len(expected) <= 1, view_name
        assert nav_section(request) == (next(iter(expected)) if expected else "")
        seen += 1
    assert seen > 200


def _current(page: str) -> list[str]:
    main = page.split('class="q-mainnav"', 1)[1].split("</nav>", 1)[0]
    return [
        part.split('href="', 1)[1].split('"', 1)[0]
        for part in main.split("<a ")[1:]
        if 'aria-current="page"' in part.split(">", 1)[0]
    ]


def test_the_kept_navigation_marks_the_page_of_each_request(resident, client_for):
    client = client_for(resident)
    assert _current(client.get("/musterstadt/actors/").content.decode()) == [
        "/musterstadt/actors/"
    ]
    assert _current(client.get("/musterstadt/participation/").content.decode()) == [
        "/musterstadt/participation/"
    ]
    assert _current(client.get("/musterstadt/").content.decode()) == ["/musterstadt/"]
    assert resolve("/musterstadt/decisions/").view_name == "forums:decisions"
    assert _current(client.get("/musterstadt/decisions/").content.decode()) == [
        "/musterstadt/decisions/"
    ]


def test_the_kept_navigation_follows_role_name_and_language_at_once(
    resident, admin_user, municipality, client_for
):
    members = 'href="/musterstadt/members/"'
    assert members in client_for(admin_user).get("/musterstadt/").content.decode()
    client = client_for(resident)
    assert members not in client.get("/musterstadt/").content.decode()

    membership = Membership.objects.get(user=resident, municipality=municipality)
    membership.role = "admin"
    membership.save()
    assert members in client.get("/musterstadt/").content.decode()

    municipality.name = "Neustadt an der Quelle"
    municipality.save()
    page = client.get("/musterstadt/").content.decode()
    assert 'q-brand__municipality" href="/musterstadt/">Neustadt an der Quelle' in page

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    resident.preferred_language = ""
    resident.save()
    page = client.get("/musterstadt/").content.decode()
    assert ">Participation</a>" in page and ">Beteiligung</a>" not in page


def test_the_footer_links_back_to_the_page_it_is_on(resident, client_for):
    client = client_for(resident)
    for path in ("/musterstadt/actors/", "/musterstadt/"):
        page = client.get(path).content.decode()
        assert (
            f"/musterstadt/barrierefreiheit/rueckmeldung/?page={path.replace('/', '%2F')}"
            in page
        )


def test_the_language_switch_returns_to_the_page_it_is_on(resident, client_for):
    client = client_for(resident)
    for path in ("/musterstadt/actors/", "/musterstadt/participation/"):
        page = client.get(path).content.decode()
        assert f'name="next" value="{path}"' in page

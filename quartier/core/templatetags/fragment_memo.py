"""`{% memo key … %}…{% endmemo %}`: a template fragment rendered once per process
for each value of its key, then served from memory.

For the parts of a page that are the same for everyone who shares the key — the
main navigation of a municipality for one language, role and section, the footer,
the static links of the head (docs/benchmarks.md, session 7). A hit costs a few
microseconds; rendering the navigation costs about 0.4 ms.

Safe by construction, not by care: when the template is compiled, the tag reads
every variable the fragment uses and refuses (TemplateSyntaxError) a fragment that
reads a variable which is not one of its keys, or a tag whose inputs it cannot see
(`{% csrf_token %}`, `{% include %}`, inclusion tags, tags that take the context).
So a person's name, a CSRF token or the current path can never be served to
someone else from here; such parts stay outside the fragment. Keys are plain
variables whose values are text, numbers, booleans, None, or lists and dicts of
them (lazy translations count as text); another value (a model instance) renders the fragment
afresh every time rather than guess.

The key also holds, implicitly, what every fragment may depend on without naming
it: the active language, time zone, URL conf and script prefix, and the context's
autoescape/localisation flags. The memory is per compiled template node, bounded
(least recently used entries go first), and emptied when a setting changes (tests).
"""

from __future__ import annotations

import weakref
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template import Node, NodeList, TemplateSyntaxError, Variable
from django.template.base import FilterExpression, TextNode, TokenType, VariableNode
from django.template.defaulttags import (
    CommentNode,
    ForNode,
    IfNode,
    SpacelessNode,
    TemplateLiteral,
    URLNode,
    WithNode,
)
from django.template.library import SimpleNode
from django.templatetags.i18n import (
    BlockTranslateNode,
    GetCurrentLanguageBidiNode,
    GetCurrentLanguageNode,
    TranslateNode,
)
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.functional import Promise
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from quartier.core.kept import Kept

register = template.Library()

# Entries per fragment: a navigation keyed on municipality × language × section ×
# role has about 120 per municipality; a few kilobytes each.
MAX_ENTRIES = 2048

_ALL: weakref.WeakSet[MemoNode] = weakref.WeakSet()


class Unkeyable(Exception):
    """A key value that cannot stand for the fragment (not plain data)."""


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, (list, tuple)):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, _plain(item)) for key, item in value.items())
    raise Unkeyable(type(value).__name__)


def _path(variable: Variable) -> str | None:
    """ "municipality.slug" for a context lookup, None for a literal."""
    return ".".join(variable.lookups) if variable.lookups is not None else None


class _Reads:
    """Collects the context paths a nodelist reads, with the names it defines
    itself (loop variables, `as` targets) left out."""

    def __init__(self) -> None:
        self.paths: set[str] = set()

    def expression(self, expression: Any, local: frozenset[str]) -> None:
        if expression is None:
            return
        if isinstance(expression, Variable):
            self.variable(expression, local)
            return
        if not isinstance(expression, FilterExpression):
            return
        if isinstance(expression.var, Variable):
            self.variable(expression.var, local)
        for _func, args in expression.filters:
            for lookup, arg in args:
                if lookup and isinstance(arg, Variable):
                    self.variable(arg, local)

    def variable(self, variable: Variable, local: frozenset[str]) -> None:
        path = _path(variable)
        if path is not None and path.split(".")[0] not in local:
            self.paths.add(path)

    def condition(self, condition: Any, local: frozenset[str]) -> None:
        if condition is None:
            return
        if isinstance(condition, TemplateLiteral):
            self.expression(condition.value, local)
            return
        # smartif operators: `first` and (for infix operators) `second`
        self.condition(getattr(condition, "first", None), local)
        self.condition(getattr(condition, "second", None), local)

    def nodelist(self, nodes: Any, local: frozenset[str]) -> None:
        # `{% url … as x %}` and friends define names for what follows them.
        for node in nodes:
            local = self.node(node, local)

    def node(self, node: Node, local: frozenset[str]) -> frozenset[str]:
        if isinstance(node, (TextNode, CommentNode)):
            return local
        if isinstance(node, VariableNode):
            self.expression(node.filter_expression, local)
            return local
        if isinstance(node, MemoNode):
            self.nodelist(node.nodelist, local)
            return local
        if isinstance(node, IfNode):
            for condition, nodes in node.conditions_nodelists:
                self.condition(condition, local)
                self.nodelist(nodes, local)
            return local
        if isinstance(node, ForNode):
            self.expression(node.sequence, local)
            inner = local | set(node.loopvars) | {"forloop"}
            self.nodelist(node.nodelist_loop, inner)
            self.nodelist(node.nodelist_empty, local)
            return local
        if isinstance(node, WithNode):
            for value in node.extra_context.values():
                self.expression(value, local)
            self.nodelist(node.nodelist, local | set(node.extra_context))
            return local
        if isinstance(node, SpacelessNode):
            self.nodelist(node.nodelist, local)
            return local
        if isinstance(node, URLNode):
            self.expression(node.view_name, local)
            for arg in node.args:
                self.expression(arg, local)
            for arg in node.kwargs.values():
                self.expression(arg, local)
            return local | {node.asvar} if node.asvar else local
        if isinstance(node, TranslateNode):
            self.expression(node.filter_expression, local)
            self.expression(node.message_context, local)
            return local | {node.asvar} if node.asvar else local
        if isinstance(node, BlockTranslateNode):
            for value in node.extra_context.values():
                self.expression(value, local)
            self.expression(node.counter, local)
            self.expression(node.message_context, local)
            inner = local | set(node.extra_context)
            if node.countervar:
                inner |= {node.countervar}
            for token in [*node.singular, *(node.plural or [])]:
                if token.token_type == TokenType.VAR:
                    self.variable(Variable(token.contents), inner)
            return local | {node.asvar} if node.asvar else local
        if isinstance(node, StaticNode):
            self.expression(node.path, local)
            return local | {node.varname} if node.varname else local
        if isinstance(node, (GetCurrentLanguageNode, GetCurrentLanguageBidiNode)):
            return local | {node.variable}
        if isinstance(node, SimpleNode) and not node.takes_context:
            for arg in node.args:
                self.expression(arg, local)
            for arg in node.kwargs.values():
                self.expression(arg, local)
            return local | {node.target_var} if node.target_var else local
        name = node.token.split_contents()[0] if node.token else type(node).__name__
        raise TemplateSyntaxError(
            f"{{% memo %}} cannot see what {{% {name} %}} reads; keep it outside "
            "the fragment (core/templatetags/fragment_memo.py)."
        )


class MemoNode(Node):
    # A fragment holds no {% block %} (the check refuses it), so the walk every
    # {% extends %} makes through its parent for blocks need not enter it.
    child_nodelists = ()

    def __init__(self, keys: list[FilterExpression], nodelist: NodeList):
        self.keys = keys
        self.nodelist = nodelist
        self.entries: Kept[str] = Kept(MAX_ENTRIES)
        _ALL.add(self)

    def key(self, context: template.Context) -> tuple[Any, ...]:
        values = tuple(_plain(key.resolve(context)) for key in self.keys)
        return (
            values,
            get_language(),
            get_current_timezone_name(),
            get_urlconf(),
            get_script_prefix(),
            context.autoescape,
            context.use_l10n,
            context.use_tz,
        )

    def render(self, context: template.Context) -> str:
        try:
            key = self.key(context)
        except Unkeyable:
            return self._render(context)
        return self.entries.get_or_make(key, lambda: self._render(context))

    def _render(self, context: template.Context) -> str:
        # Names the fragment sets (`as` targets) stay inside it: a hit sets none.
        with context.push():
            return self.nodelist.render(context)

    def clear(self) -> None:
        self.entries.clear()


@register.tag("memo")
def do_memo(parser: template.base.Parser, token: template.base.Token) -> MemoNode:
    bits = token.split_contents()[1:]
    keys = [parser.compile_filter(bit) for bit in bits]
    covered = set()
    for bit, key in zip(bits, keys, strict=True):
        if key.filters or not isinstance(key.var, Variable) or _path(key.var) is None:
            raise TemplateSyntaxError(
                f"{{% memo %}} keys are plain variables, not {bit!r}."
            )
        covered.add(_path(key.var))
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    reads = _Reads()
    reads.nodelist(nodelist, frozenset())
    missing = sorted(reads.paths - covered)
    if missing:
        raise TemplateSyntaxError(
            "{% memo %} fragment reads " + ", ".join(missing) + " but is not keyed "
            "on it: add it to the keys or move that part out of the fragment."
        )
    return MemoNode(keys, nodelist)


def clear_all(**_kwargs: Any) -> None:
    for node in list(_ALL):
        node.clear()


setting_changed.connect(clear_all, dispatch_uid="fragment_memo_clear")

"""E-mail subjects follow the recipient's language, like the body (core/tasks.py).

`queue_email` renders each mail under the recipient's language; a subject computed
with `gettext` before the call is frozen in the language of whoever caused the mail.
The scan below walks every module of the package, so a new sender inherits the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation

import quartier
from quartier.accounts.services import invitation_create
from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import ActorMember
from quartier.actors.services import member_invite
from quartier.actors.tests.factories import ActorFactory

PACKAGE = Path(quartier.__file__).parent
EAGER = {"_", "gettext", "ngettext", "pgettext", "npgettext"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_lazy(node: ast.AST) -> bool:
    """A call of `lazy_subject` with no eagerly translated string inside it."""
    return (
        isinstance(node, ast.Call)
        and _name(node.func) == "lazy_subject"
        and not any(
            isinstance(inner, ast.Call) and _name(inner.func) in EAGER
            for inner in ast.walk(node)
        )
    )


class _Scope(ast.NodeVisitor):
    """Collects, per function, its parameters, its assignments and its calls."""

    def __init__(self) -> None:
        self.functions: list[tuple[str, set[str], dict, list[ast.Call]]] = []
        self.enclosing: list[dict[str, list[ast.AST]]] = [{}]

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        args = node.args
        params = {a.arg for a in args.args + args.kwonlyargs + args.posonlyargs}
        # A nested function sees the names its enclosing function assigns.
        assigned = {
            k: list(v) for k, v in self.enclosing[-1].items() if k not in params
        }
        calls: list[ast.Call] = []
        for inner in ast.walk(node):
            if isinstance(inner, ast.Assign):
                for target in inner.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(inner.value)
            elif isinstance(inner, ast.Call):
                calls.append(inner)
        self.functions.append((node.name, params, assigned, calls))
        self.enclosing.append(assigned)
        self.generic_visit(node)
        self.enclosing.pop()

    visit_AsyncFunctionDef = visit_FunctionDef


def subject_defects(sources: dict[str, str]) -> list[str]:
    """`file:line` of every mail-sending call whose subject is not a lazy subject.

    A sender is `queue_email` or any function that passes its own `subject`
    parameter on to a sender (e.g. a module's `_mail` helper): its callers in that
    module are checked in turn, until no new helper turns up."""
    scopes = []
    for path, text in sources.items():
        scope = _Scope()
        scope.visit(ast.parse(text, filename=path))
        scopes.append((path, scope))
    senders = {("*", "queue_email")}
    while True:
        defects, helpers, checked = [], set(), 0
        for path, scope in scopes:
            for function, params, assigned, calls in scope.functions:
                for call in calls:
                    name = _name(call.func)
                    if ("*", name) not in senders and (path, name) not in senders:
                        continue
                    checked += 1
                    subject = next(
                        (k.value for k in call.keywords if k.arg == "subject"), None
                    )
                    values = [subject] if subject is not None else []
                    if isinstance(subject, ast.Name) and subject.id in params:
                        helpers.add((path, function))
                        continue
                    if isinstance(subject, ast.Name) and subject.id in assigned:
                        values = assigned[subject.id]
                    if not values or not all(_is_lazy(v) for v in values):
                        defects.append(f"{path}:{call.lineno}")
        if helpers <= senders:
            return defects if checked else ["no mail-sending call found"]
        senders |= helpers


BYPASS = {"send_mail", "send_mass_mail", "EmailMessage", "EmailMultiAlternatives"}


def mail_bypasses(sources: dict[str, str]) -> list[str]:
    """Mail sent past `queue_email` (so in no one's language), outside core/tasks.py."""
    return [
        f"{path}:{node.lineno}"
        for path, text in sources.items()
        if not path.endswith("core/tasks.py")
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Call) and _name(node.func) in BYPASS
    ]


def _package_sources() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE.parent)): path.read_text()
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    }


def test_every_mail_subject_is_translated_in_the_recipients_language():
    sources = _package_sources()
    defects = subject_defects(sources)
    assert not defects, (
        "These e-mails get a subject in the sender's language; write it as "
        "lazy_subject(gettext_lazy('…'), **params) (core/tasks.py): "
        + ", ".join(defects)
    )
    assert not mail_bypasses(sources), "send e-mails through core.tasks.queue_email"
    # The scan sees the senders (a helper too) and catches the defect it is for.
    calls = sum(text.count("queue_email(") for text in sources.values())
    assert calls >= 25
    bad = """
from django.utils.translation import gettext as _
def _mail(to, subject):
    queue_email(to=to, subject=subject, template="t", context={})
def a(x):
    queue_email(to=x, subject=_("Hello %(n)s") % {"n": x}, template="t", context={})
def b(x):
    _mail(x, subject=_("Hello"))
def c(x):
    subject = lazy_subject(_("Hello"))
    queue_email(to=x, subject=subject, template="t", context={})
def d(x):
    _mail(x, subject=lazy_subject(gettext_lazy("Hello")))
"""
    assert sorted(subject_defects({"m.py": bad})) == ["m.py:11", "m.py:6", "m.py:8"]


@pytest.mark.django_db
def test_a_resident_reading_english_gets_english_subjects_from_two_apps(
    municipality, partner, admin_user
):
    person = UserFactory(preferred_language="en")
    actor = ActorFactory(municipality=municipality, name="Nachbarschaftshilfe")
    ActorMember.objects.create(actor=actor, user=partner, role="admin")
    with translation.override("de"):  # both senders browse in German
        invitation_create(
            by=admin_user,
            municipality=municipality,
            email="someone.else@test.example",
            role="resident",
        )
        invitation_create(
            by=admin_user, municipality=municipality, email=person.email, role="partner"
        )
        member_invite(by=partner, actor=actor, email=person.email)

    subjects = sorted(m.subject for m in mail.outbox if m.to == [person.email])
    assert len(subjects) == 2
    assert f"Invitation to {municipality.name}" in subjects[0]
    assert "You now act for Nachbarschaftshilfe" in subjects[1]
    # Someone without an account gets the language of the page: German here.
    (guest,) = [m for m in mail.outbox if m.to == ["someone.else@test.example"]]
    assert f"Einladung für {municipality.name}" in guest.subject

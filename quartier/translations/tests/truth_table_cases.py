"""Truth-table rows of the translations app and of the language switch.

The world's contribution is written in Turkish; the coordination may translate it,
residents and partners may not (no volunteer translator is among the table's roles:
translations/tests/test_translations_flow.py holds that role)."""

from quartier.core.tests.truth_table import Case, S, m
from quartier.participation.tests.factories import ContributionFactory


def extend_world(world):
    world["translatable_contribution"] = ContributionFactory(
        municipality=world["municipality"],
        neighborhood=world["neighborhood"],
        language="tr",
    )


def _c(w, **extra):
    return {
        **m(w),
        "kind": "participation.contribution",
        "pk": w["translatable_contribution"].pk,
        **extra,
    }


CASES = [
    Case("language_switch", S(302, 302, 302, 302, 302, 302), data={"language": "ar"}),
    Case("translations:queue", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "translations:edit",
        S(302, 403, 403, 200, 200, 403),
        kwargs=lambda w: _c(w, language="de"),
    ),
    Case(
        "translations:edit",
        S(403, 403, 403, 200, 200, 403),
        "post",
        kwargs=lambda w: _c(w, language="de"),
        data={"title": "", "text": ""},
        label="nothing translated: the form again",
    ),
    Case(
        "translations:request",
        S(403, 302, 302, 302, 302, 302),
        "post",
        kwargs=_c,
        data={"language": "de"},
    ),
]

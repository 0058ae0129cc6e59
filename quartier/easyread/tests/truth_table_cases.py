"""Truth-table rows of the Leichte-Sprache pages: public for everyone."""

from quartier.core.tests.truth_table import Case, S, m

CASES = [
    Case("easyread:index", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case(
        "easyread:page",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "slug": "mitmachen"},
    ),
    Case(
        "easyread:page",
        S(404, 404, 404, 404, 404, 404),
        kwargs=lambda w: {**m(w), "slug": "gibt-es-nicht"},
        label="unknown page",
    ),
]

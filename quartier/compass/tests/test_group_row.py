"""`{% compass_group_row %}` (issue 19): a row of a field's results table written in
Python writes what the template with nine `floatformat:"-1"` wrote — in every
language, with empty cells for missing values and the label escaped."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from quartier.compass.results import Group
from quartier.compass.stats import Summary
from quartier.compass.templatetags import compass_results

# The row as the include wrote it, kept here as the reference.
REFERENCE = Template(
    '<tr class="kern-table__row"><th scope="row" class="kern-table__header">{{ g.label }}</th>\n'
    '<td class="kern-table__cell kern-table__cell--numeric">{{ g.n }}</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric">{{ g.current.median|floatformat:"-1" }}</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric q-nowrap">{{ g.current.q1|floatformat:"-1" }}–{{ g.current.q3|floatformat:"-1" }} ({{ g.current.iqr|floatformat:"-1" }})</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric q-nowrap">{{ g.current.minimum|floatformat:"-1" }}–{{ g.current.maximum|floatformat:"-1" }}</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric">{{ g.target.median|floatformat:"-1" }}</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric q-nowrap">{{ g.target.q1|floatformat:"-1" }}–{{ g.target.q3|floatformat:"-1" }} ({{ g.target.iqr|floatformat:"-1" }})</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric q-nowrap">{{ g.target.minimum|floatformat:"-1" }}–{{ g.target.maximum|floatformat:"-1" }}</td>\n'
    '<td class="kern-table__cell kern-table__cell--numeric">{{ g.gap|floatformat:"-1" }}</td></tr>\n'
)
TAG = Template("{% load compass_results %}{% compass_group_row g %}")

GROUPS = [
    Group(
        "all",
        "Alle <Perspektiven> & mehr",
        Summary(1234, 42.5, 30, 55.25, 0, 100),
        Summary(1234, 70.0, 60.5, 80, 12.75, 99.95),
    ),
    Group(
        "civil",
        "Zivilgesellschaft",
        Summary(3, 7, 7, 7, 7, 7),
        Summary(3, 8, 8, 8, 8, 8),
    ),
    Group(
        "none",
        "Ohne Antworten",
        Summary(0, None, None, None, None, None),
        Summary(0, None, None, None, None, None),
    ),
]


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk"])
@pytest.mark.parametrize("group", GROUPS, ids=[g.key for g in GROUPS])
def test_the_row_is_the_one_the_template_wrote(language, group):
    with translation.override(language):
        for _ in range(2):  # the second time from the kept numbers
            assert TAG.render(Context({"g": group})) == REFERENCE.render(
                Context({"g": group})
            )


def test_kept_numbers_follow_the_language():
    with translation.override("de"):
        assert compass_results.number(42.5) == "42,5"
    with translation.override("en"):
        assert compass_results.number(42.5) == "42.5"
    assert compass_results.number(None) == ""
    assert compass_results.number(True) != compass_results.number(1.5)

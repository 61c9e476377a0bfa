"""The report templates' sandbox: escapes are refused, output and time are bounded,
values are autoescaped, and a broken template names its line."""

from __future__ import annotations

import pytest

from auditportal.reports import templating
from auditportal.reports.templating import TemplateProblem, render


def test_values_are_autoescaped() -> None:
    html = render("", {"name": "<script>alert(1)</script>"}, source="<p>{{ name }}</p>")
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ t.__globals__ }}",
        "{{ items.append(1) }}",
        "{% include '/etc/passwd' %}",
        "{% include '../render.py' %}",
        "{% import 'service.py' as s %}",
        "{{ 'x' * 100000000 }}",
        "{{ 9 ** 999999 }}",
        "{% for i in range(100000000) %}{% endfor %}",
    ],
)
def test_sandbox_escapes_are_refused(source: str) -> None:
    with pytest.raises(TemplateProblem):
        render("", {"items": [1], "t": lambda key: key}, source=source)


def test_output_is_bounded() -> None:
    with pytest.raises(TemplateProblem, match="too large"):
        render("", {}, source="{% for i in range(100000) %}xxxxxxxxxx{% endfor %}", max_chars=1000)


def test_time_is_bounded() -> None:
    nested = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateProblem, match="time"):
        render("", {}, source=nested, max_seconds=0.2)


def test_a_broken_template_names_its_line() -> None:
    with pytest.raises(TemplateProblem) as syntax:
        render("", {}, source="<p>\n<p>\n{% if %}\n")
    assert syntax.value.line == 3
    with pytest.raises(TemplateProblem) as undefined:
        render("", {}, source="<p>ok</p>\n\n{{ missing.value }}\n")
    assert undefined.value.line == 3


def test_the_package_templates_are_the_only_loadable_files() -> None:
    names = set(templating.package_templates())
    assert {"case_summary.html", "report.css", "_macros.html"} <= names
    assert all(name.endswith((".html", ".css")) for name in names)

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


@pytest.mark.parametrize("kind", ["inspection_report", "customer_dossier", "period_summary"])
def test_the_package_templates_render_their_sample_data(kind: str) -> None:
    from auditportal.reports import custom

    source = templating.package_templates()[
        "case_summary.html" if kind == "inspection_report" else f"{kind}.html"
    ]
    custom.check(kind, source)  # the built-in template passes the upload check
    html = render("", custom.sample_context(kind, "zh-CN"), source=source)
    assert "<svg" in html or kind == "inspection_report"
    assert "0000000000000000" in html  # the content key in the footer


def test_an_upload_that_does_not_render_is_refused_with_its_line() -> None:
    from auditportal.errors import ValidationFailed
    from auditportal.reports import custom

    with pytest.raises(ValidationFailed) as refused:
        custom.check("period_summary", "<h1>{{ title }}</h1>\n{{ kpis.__class__ }}\n")
    issue = refused.value.issues[0]
    assert issue.code == "report.template_invalid"
    assert issue.params["line"] == 2
    custom.check("period_summary", "<h1>{{ title }}</h1>{{ severity_chart }}")

"""The built-in templates in forms/: valid, bilingual, loadable, and answerable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditportal.auth.principal import system_principal
from auditportal.forms.loader import load_form_directory
from auditportal.forms.schema_walk import walk_fields
from tests.conftest import REPO_ROOT, SETTINGS, Api
from tests.helpers import submit

FORMS = sorted((REPO_ROOT / "forms").glob("*.json"))
CATEGORIES = {
    "customer-compliance-inspection": "inspection_checklist",
    "customer-satisfaction-survey": "survey",
    "complaint-intake": "complaint",
    "customer-training-record": "training_record",
    "customer-credit-assessment": "credit_assessment",
}


def test_the_five_templates_are_there() -> None:
    assert {path.stem: json.loads(path.read_text())["category"] for path in FORMS} == CATEGORIES


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_every_field_has_both_languages(path: Path) -> None:
    definition = json.loads(path.read_text())
    for language in ("zh-CN", "en"):
        assert definition["title"][language] and definition["description"][language]
    for field in walk_fields(definition["schema"]):
        assert field.schema["x-title"]["zh-CN"] and field.schema["x-title"]["en"], field.path
        if "enum" in field.schema:
            for language in ("zh-CN", "en"):
                assert len(field.schema["x-enum-titles"][language]) == len(field.schema["enum"])


async def test_loading_twice_publishes_once(api: Api) -> None:
    loader = system_principal("tests")
    first = await load_form_directory(loader, REPO_ROOT / "forms", SETTINGS)
    second = await load_form_directory(loader, REPO_ROOT / "forms", SETTINGS)
    assert [(o.key, o.version, o.created) for o in first] == [
        (path.stem, 1, True) for path in FORMS
    ]
    assert [(o.version, o.created) for o in second] == [(1, False)] * len(FORMS)


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
async def test_each_template_takes_a_realistic_submission(api: Api, path: Path) -> None:
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms", SETTINGS)
    auditor = await api.user("auditor")
    form = await auditor.data(
        "query($key: String!) { form(key: $key) { id latestVersion { definition } } }",
        {"key": path.stem},
    )
    assert form["form"]["latestVersion"]["definition"]["key"] == path.stem
    example = json.loads((REPO_ROOT / "forms" / "examples" / path.name).read_text())
    result = await submit(auditor, formId=form["form"]["id"], answers=example)
    assert result["__typename"] == "SubmissionAccepted", result
    # What the auditor sees back is what was submitted, sensitive fields included.
    assert result["submission"]["answers"] == example


async def test_inspection_example_scores_and_raises_the_expected_finding(api: Api) -> None:
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms", SETTINGS)
    auditor = await api.user("auditor")
    key = "customer-compliance-inspection"
    example = json.loads((REPO_ROOT / "forms" / "examples" / f"{key}.json").read_text())
    form = await auditor.data("query($k: String!) { form(key: $k) { id } }", {"k": key})
    result = await submit(auditor, formId=form["form"]["id"], answers=example)
    submission = result["submission"]
    # One "partial" (contract renewal tracking) in an otherwise compliant inspection.
    assert 90 < submission["score"]["percent"] < 100
    assert submission["score"]["passed"] is True
    sections = {s["key"]: s["percent"] for s in submission["score"]["sections"]}
    assert sections["contracts"] < 100 and sections["payments"] == 100
    assert submission["findings"] == []

    example["antiMoneyLaundering"]["sanctionsScreened"] = "no"
    flagged = (await submit(auditor, formId=form["form"]["id"], answers=example))["submission"]
    assert [(f["path"], f["severity"]) for f in flagged["findings"]] == [
        (["antiMoneyLaundering", "sanctionsScreened"], "CRITICAL")
    ]
    assert flagged["score"]["percent"] < submission["score"]["percent"]

"""Fields the form builder shows only under a condition (``allOf: [{if, then: {properties}}]``)
are fields of their container: the definition checks, scoring and findings see them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from auditportal.forms.schema_walk import walk_fields
from auditportal.forms.scoring import evaluate, plan_for
from tests import gql
from tests.conftest import Api
from tests.factories import question, t

META = json.loads(
    (Path(__file__).parent.parent / "schema/form-definition.schema.json").read_text("utf-8")
)


def shown_when_no() -> dict[str, Any]:
    """As the builder writes "show 'notes' when 'exits' is no" inside a section."""
    notes: dict[str, Any] = {"type": "string", "x-title": t("Describe the blocked exit")}
    extra = question("Extra check", finding="low")
    return {
        "key": "builder-conditional",
        "category": "inspection_checklist",
        "title": t("Store check", "门店检查"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {
                "section": {
                    "type": "object",
                    "x-title": t("Fire safety", "消防安全"),
                    "properties": {"exits": question("Exits are clear")},
                    "allOf": [
                        {
                            "if": {"properties": {"exits": {"const": "no"}}, "required": ["exits"]},
                            "then": {
                                "properties": {"notes": notes, "extra": extra},
                                "required": ["notes"],
                            },
                        }
                    ],
                }
            },
        },
        "uiSchema": {
            "section": {"ui:order": ["exits", "notes", "extra"], "notes": {"ui:widget": "textarea"}}
        },
    }


async def test_a_conditional_field_is_a_field_of_its_container(api: Api) -> None:
    definition = shown_when_no()
    assert not list(Draft202012Validator(META).iter_errors(definition))
    admin = await api.user("admin")
    created = await admin.data(gql.CREATE_DRAFT, {"definition": definition})
    assert created["createFormDraft"]["__typename"] == "FormDraftSaved", created
    form_id = created["createFormDraft"]["form"]["id"]
    published = await admin.data(gql.PUBLISH, {"formId": form_id})
    assert published["publishForm"]["__typename"] == "FormPublished", published


async def test_checks_reach_inside_the_condition(api: Api) -> None:
    definition = shown_when_no()
    then = definition["schema"]["properties"]["section"]["allOf"][0]["then"]
    del then["properties"]["notes"]["x-title"]
    definition["uiSchema"]["section"]["ui:order"].append("typo")
    admin = await api.user("admin")
    result = await admin.data(gql.CREATE_DRAFT, {"definition": definition})
    payload = result["createFormDraft"]
    assert payload["__typename"] == "ValidationFailed", payload
    got = sorted(
        (e["pointer"].removeprefix("/input/definition"), e["code"]) for e in payload["errors"]
    )
    assert got == [
        (
            "/schema/properties/section/allOf/0/then/properties/notes/x-title",
            "definition.missing_title",
        ),
        ("/uiSchema/section/ui:order/3", "definition.unknown_property"),
    ]


def test_scoring_and_findings_see_conditional_fields() -> None:
    definition = shown_when_no()
    paths = [field.path for field in walk_fields(definition["schema"])]
    assert paths == [("section",), ("section", "exits"), ("section", "notes"), ("section", "extra")]
    plan = plan_for(definition)
    result = evaluate(plan, {"section": {"exits": "no", "notes": "blocked", "extra": "no"}})
    assert [f["path"] for f in result.findings] == [["section", "extra"]]
    # A field in both places (a condition refining a declared one) counts once.
    both = copy.deepcopy(definition)
    section = both["schema"]["properties"]["section"]
    section["allOf"][0]["then"]["properties"]["exits"] = {"const": "no"}
    assert [f.path for f in walk_fields(both["schema"])].count(("section", "exits")) == 1

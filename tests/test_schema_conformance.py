"""The answers' validator against the JSON-Schema-Test-Suite (draft 2020-12).

Patterns follow ECMA-262 (as the browser's Ajv does), ``multipleOf`` divides exactly, and
formats are checked by the portal's own light code; see tests/data/json-schema-test-suite.
A schema that references something outside itself is refused when a form is saved, so
its cases are checked for that refusal instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditportal.forms.compiled import compile_definition
from auditportal.schema_language.validator import unresolved_references, validator_for

SUITE = Path(__file__).parent / "data" / "json-schema-test-suite"
FILES = [
    "pattern.json",
    "patternProperties.json",
    "multipleOf.json",
    "additionalProperties.json",
    "unevaluatedProperties.json",
    "ref.json",
    "optional-ecmascript-regex.json",
    *(
        f"format-{name}.json"
        for name in (
            "email",
            "idn-email",
            "date",
            "date-time",
            "time",
            "uri",
            "hostname",
            "ipv4",
            "ipv6",
            "uuid",
            "duration",
        )
    ),
]


def _cases() -> list[Any]:
    cases = []
    for name in FILES:
        for group in json.loads((SUITE / name).read_text(encoding="utf-8")):
            for test in group["tests"]:
                cases.append(
                    pytest.param(
                        group["schema"],
                        test["data"],
                        test["valid"],
                        id=f"{name}: {group['description']}: {test['description']}",
                    )
                )
    return cases


@pytest.mark.parametrize(("schema", "instance", "valid"), _cases())
def test_suite_case(schema: Any, instance: Any, valid: bool) -> None:
    if unresolved_references(schema):
        return  # refused at save (test_definitions checks the refusal and its message)
    assert validator_for(schema).is_valid(instance) is valid


def test_the_suite_is_all_there() -> None:
    assert len(_cases()) > 600
    refused = {
        json.dumps(group["schema"], sort_keys=True)
        for name in FILES
        for group in json.loads((SUITE / name).read_text(encoding="utf-8"))
        if unresolved_references(group["schema"])
    }
    # Only the cases that fetch remote documents (the metaschema, http://localhost:1234).
    assert 0 < len(refused) < 15


def test_answers_may_not_carry_non_finite_numbers_or_envelopes() -> None:
    definition = {
        "schema": {
            "type": "object",
            "properties": {"amount": {"type": "number", "maximum": 100}, "note": {}},
        }
    }
    compiled = compile_definition("test-non-finite", definition)
    # NaN passes every range check and is not JSON: refused before the schema is asked.
    issues = compiled.check({"amount": float("nan"), "note": [float("-inf")]})
    assert [(i.path, i.code) for i in issues] == [
        (("amount",), "submission.not_finite"),
        (("note", 0), "submission.not_finite"),
    ]
    # A look-alike of the server's sealed values would be opened as one: refused.
    forged = compiled.check({"note": {"$enc": "v1.k1.AAAA"}})
    assert [(i.path, i.code) for i in forged] == [(("note",), "submission.reserved_key")]

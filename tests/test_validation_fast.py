"""The fast validator (jsonschema-rs) against the detailed one it stands in for.

``CompiledForm.check`` asks jsonschema-rs "valid?" and runs the detailed validator only for
a document it refuses. The issues must stay exactly what the detailed path alone gives:
checked here over every built-in form with its example and thousands of documents made
from it by deterministic mutations, over the JSON-Schema-Test-Suite, and over the hostile
documents the other suites use. Wherever the fast answer is "valid" the detailed one must
be too; the tests also want the two to agree on "invalid" (else the fast path would be
saving nothing), and say where they do not.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditportal.errors import FieldIssue
from auditportal.forms.compiled import CompiledForm, _non_finite, compile_definition
from auditportal.forms.definition import content_hash
from auditportal.forms.fast import FastValidator
from auditportal.forms.sensitive import reserved_envelopes
from auditportal.forms.validation import issues_from_errors
from auditportal.schema_language.validator import unresolved_references, validator_for
from tests.factories import checklist, good_answers, large_answers, large_checklist

REPO_ROOT = Path(__file__).resolve().parent.parent
FORMS = sorted((REPO_ROOT / "forms").glob("*.json"))
SUITE = REPO_ROOT / "tests" / "data" / "json-schema-test-suite"


def detailed_check(compiled: CompiledForm, answers: Any) -> list[FieldIssue]:
    """The check as it was before the fast path: the reference these tests hold it to."""
    issues = [FieldIssue(at, "submission.reserved_key") for at in reserved_envelopes(answers)]
    issues += [FieldIssue(at, "submission.not_finite") for at in _non_finite(answers)]
    if issues:
        return issues
    errors = sorted(
        compiled.validator.iter_errors(answers), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return issues_from_errors(errors)


def compiled_of(definition: dict[str, Any]) -> CompiledForm:
    return compile_definition(content_hash(definition), definition)


def fast_of(compiled: CompiledForm) -> FastValidator:
    assert isinstance(compiled.fast, FastValidator), compiled.fast
    return compiled.fast


# --- documents made from a valid one ------------------------------------------------------

Path_ = tuple[str | int, ...]

# Values that break a type, an enum, a format, a pattern, a length or a range somewhere.
REPLACEMENTS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    10**30,
    -(10**30),
    1e300,
    "",
    " ",
    "maybe",
    "x" * 5000,
    "2026-02-30",
    "2026-13-01",
    "2026-11-20T10:00:00",
    "2026-11-20T10:00:00Z",
    "not-an-email",
    "a@b",
    "li.wei@example.cn",
    "１２３４５６７８",  # full-width digits: \d and [0-9] must not take them
    "12345678\n",  # $ must not match before a trailing newline
    "+86 21 5555 0000",
    "91310000MA1FL8XQ2X",
    "中文",
    "😀",
    [],
    ["yes"],
    [{"name": "x"}],
    {},
    {"name": "x"},
]


def leaves(node: Any, here: Path_ = ()) -> Iterator[Path_]:
    """Every place in the document, containers too."""
    yield here
    if isinstance(node, dict):
        for name, value in node.items():
            yield from leaves(value, (*here, name))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, (*here, index))


def replaced(document: Any, at: Path_, value: Any) -> Any:
    copied = copy.deepcopy(document)
    if not at:
        return copy.deepcopy(value)
    parent = copied
    for part in at[:-1]:
        parent = parent[part]
    parent[at[-1]] = copy.deepcopy(value)
    return copied


def removed(document: Any, at: Path_) -> Any:
    copied = copy.deepcopy(document)
    parent = copied
    for part in at[:-1]:
        parent = parent[part]
    del parent[at[-1]]
    return copied


def enum_values(schema: Any) -> list[Any]:
    """Every enum option and const of the schema: valid answers to put in other places."""
    found: list[Any] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.extend(node.get("enum") or [])
            if "const" in node:
                found.append(node["const"])
            stack.extend(v for k, v in node.items() if k not in ("enum", "const"))
        elif isinstance(node, list):
            stack.extend(node)
    return found


def mutations(schema: Any, document: dict[str, Any], seed: str) -> Iterator[Any]:
    """Deterministic variants: every place replaced, removed, or given an extra key, and
    random combinations of several such edits."""
    options = enum_values(schema)
    places = [at for at in leaves(document) if at]
    yield document
    for at in places:
        yield removed(document, at)
        for value in REPLACEMENTS:
            yield replaced(document, at, value)
        for value in options[:12]:
            yield replaced(document, at, value)
    for at in [(), *places]:
        parent = document
        for part in at:
            parent = parent[part]
        if isinstance(parent, dict):
            yield replaced(document, (*at, "extra"), "yes") if at else {**document, "extra": 1}
    rng = random.Random(seed)
    for _ in range(300):
        variant = copy.deepcopy(document)
        for _ in range(rng.randint(1, 4)):
            here = [at for at in leaves(variant) if at]
            if not here:
                break
            at = rng.choice(here)
            if rng.random() < 0.2:
                variant = removed(variant, at)
            else:
                value = rng.choice(REPLACEMENTS + options) if options else rng.choice(REPLACEMENTS)
                variant = replaced(variant, at, value)
        yield variant


def assert_same(compiled: CompiledForm, documents: Iterator[Any]) -> tuple[int, int, list[Any]]:
    """check() equals the detailed check for every document, and the fast validator's
    "valid" is the detailed "no issues". Returns (valid, invalid, disagreements)."""
    valid = invalid = 0
    disagreements: list[Any] = []
    fast = fast_of(compiled)
    for document in documents:
        expected = detailed_check(compiled, document)
        assert compiled.check(document) == expected, document
        fast_says = fast.is_valid(document)
        if fast_says:
            assert expected == [], (document, expected)
        if expected:
            invalid += 1
        else:
            valid += 1
        if fast_says is not None and fast_says != (expected == []):
            disagreements.append(document)
    return valid, invalid, disagreements


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_every_built_in_form_validates_fast_with_the_same_issues(path: Path) -> None:
    definition = json.loads(path.read_text(encoding="utf-8"))
    example = json.loads((REPO_ROOT / "forms" / "examples" / path.name).read_text("utf-8"))
    compiled = compiled_of(definition)
    assert fast_of(compiled).is_valid(example) is True
    assert compiled.check(example) == []
    valid, invalid, disagreements = assert_same(
        compiled, mutations(definition["schema"], example, path.stem)
    )
    # Mutations that keep a document valid exist (an optional field removed, an option
    # swapped for another), and most break it.
    assert valid > 10 and invalid > 500, (valid, invalid)
    # Not one of them is refused by jsonschema-rs while the detailed validator takes it
    # (that would cost time, not correctness, but should be known).
    assert disagreements == []


def test_the_factory_checklists_validate_fast_with_the_same_issues() -> None:
    small = checklist()
    valid, invalid, _ = assert_same(
        compiled_of(small), mutations(small["schema"], good_answers(), "small")
    )
    assert valid and invalid
    large = large_checklist()
    valid, invalid, disagreements = assert_same(
        compiled_of(large), mutations(large["schema"], large_answers(), "large")
    )
    assert valid and invalid and disagreements == []


def test_issues_of_an_invalid_document_are_the_detailed_ones_in_order() -> None:
    compiled = compiled_of(large_checklist())
    answers = large_answers()
    answers["s0"]["q0_0"] = "maybe"
    del answers["s1"]["q1_0"]
    answers["s2"]["extra"] = "yes"
    answers["s4"] = "n/a"
    issues = compiled.check(answers)
    assert fast_of(compiled).is_valid(answers) is False
    assert issues == detailed_check(compiled, answers)
    assert [(i.path, i.code) for i in issues] == [
        (("s0", "q0_0"), "schema.enum"),
        (("s1", "q1_0"), "schema.required"),
        (("s2", "extra"), "schema.additionalProperties"),
        (("s4",), "schema.type"),
    ]


# --- the JSON-Schema-Test-Suite -----------------------------------------------------------


def _suite_groups() -> list[Any]:
    groups = []
    for file in sorted(SUITE.glob("*.json")):
        for group in json.loads(file.read_text(encoding="utf-8")):
            groups.append(pytest.param(group, id=f"{file.name}: {group['description']}"))
    return groups


@pytest.mark.parametrize("group", _suite_groups())
def test_suite_cases_agree(group: dict[str, Any]) -> None:
    schema = group["schema"]
    if unresolved_references(schema):
        return  # refused when a form is saved
    fast = FastValidator.compile(schema)
    detailed = validator_for(schema)
    for case in group["tests"]:
        expected = detailed.is_valid(case["data"])
        if isinstance(fast, FastValidator):
            assert fast.is_valid(case["data"]) is expected, case["description"]
        else:
            # Left to the detailed validator: only for the reasons fast.py names.
            assert fast.startswith(("uses ", "declares another $schema", "jsonschema-rs")), fast


def test_most_of_the_suite_is_validated_fast() -> None:
    compiled = left = 0
    for file in sorted(SUITE.glob("*.json")):
        for group in json.loads(file.read_text(encoding="utf-8")):
            if unresolved_references(group["schema"]):
                continue
            if isinstance(FastValidator.compile(group["schema"]), FastValidator):
                compiled += 1
            else:
                left += 1
    assert compiled > 4 * left, (compiled, left)


# --- hostile documents and schemas --------------------------------------------------------


def _nested(depth: int) -> Any:
    node: Any = "deep"
    for _ in range(depth):
        node = {"a": [node]}
    return node


HOSTILE: list[Any] = [
    {"amount": float("nan")},
    {"note": [float("-inf")]},
    {"note": {"deep": [1, {"x": float("inf")}]}},
    {"note": {"$enc": "v1.k1.AAAA"}},
    {"note": [{"$enc": "v1.k1.AAAA", "other": 1}]},
    {"note": {"$enc": 5}},
    {"note": "\ud800"},  # a lone surrogate: not UTF-8, jsonschema-rs cannot take it
    {"note": {"\udfff": 1}},
    {"amount": 10**400},
    {"amount": -(10**400)},
    {"amount": 2**63},
    {"amount": 2**64 + 1},
    {"amount": 1e308},
    {"amount": 5e-324},
    {"amount": 100},
    {"amount": 100.0},
    {"amount": 100.00000000000001},
    {"amount": True},
    {"note": _nested(200)},
    {"note": "x" * 100_000},
    {"note": ["yes"] * 10_000},
    {"amount": 19.99},
    [],
    "answers",
    None,
    {"": 1},
]


def hostile_definition() -> dict[str, Any]:
    return {
        "schema": {
            "type": "object",
            "properties": {
                "amount": {"type": "number", "maximum": 100, "multipleOf": 0.01},
                "note": {},
                "code": {"type": "string", "pattern": "^\\d{6}$"},
            },
        }
    }


@pytest.mark.parametrize("document", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_documents_get_the_detailed_answer(document: Any) -> None:
    compiled = compiled_of(hostile_definition())
    assert compiled.check(document) == detailed_check(compiled, document)
    # jsonschema-rs is asked only once envelopes and non-finite numbers are ruled out.
    ruled_out = not reserved_envelopes(document) and not _non_finite(document)
    if ruled_out and fast_of(compiled).is_valid(document):
        assert detailed_check(compiled, document) == []


def test_exact_multiples_and_ecma_patterns_are_the_portals() -> None:
    compiled = compiled_of(hostile_definition())
    fast = fast_of(compiled)
    assert fast.is_valid({"amount": 19.99}) is True
    assert fast.is_valid({"amount": 0.30000000000000004}) is False
    assert fast.is_valid({"code": "123456"}) is True
    assert fast.is_valid({"code": "１２３４５６"}) is False
    assert fast.is_valid({"code": "123456\n"}) is False
    # A lone surrogate is not UTF-8: where jsonschema-rs must read the string it cannot,
    # and the detailed validator answers (today by failing on the pattern, as it always has:
    # the request body's parser is where such strings would have to be refused).
    assert fast.is_valid({"code": "\ud800"}) is not True
    with pytest.raises(UnicodeEncodeError):
        detailed_check(compiled, {"code": "\ud800"})
    with pytest.raises(UnicodeEncodeError):
        compiled.check({"code": "\ud800"})


def test_formats_the_portal_does_not_check_stay_annotations() -> None:
    schema = {
        "type": "object",
        "properties": {
            "t": {"format": "uri-template"},
            "p": {"format": "relative-json-pointer"},
            "o": {"format": "made-up"},
            "e": {"format": "email"},
        },
    }
    fast = FastValidator.compile(schema)
    assert isinstance(fast, FastValidator)
    odd = {"t": "{", "p": "not a pointer", "o": "anything"}
    assert fast.is_valid(odd) is True and validator_for(schema).is_valid(odd)
    # The portal's e-mail check, not jsonschema-rs's: a display name is not an address.
    assert fast.is_valid({"e": "Li Wei <li.wei@example.cn>"}) is False
    assert fast.is_valid({"e": "li.wei@example.cn"}) is True


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        ({"patternProperties": {"^x": {"type": "string"}}}, "uses patternProperties"),
        ({"$dynamicRef": "#a"}, "uses $dynamicRef"),
        ({"$schema": "http://json-schema.org/draft-07/schema#"}, "declares another $schema"),
        ({"$ref": "https://example.com/elsewhere.json"}, "jsonschema-rs does not compile it"),
        ({"pattern": "\\p{Han}"}, "jsonschema-rs does not compile it"),  # not ECMA-262 (u)
        ({"type": "nonsense"}, "jsonschema-rs does not compile it"),
    ],
)
def test_schemas_left_to_the_detailed_validator(schema: Any, reason: str) -> None:
    fast = FastValidator.compile(schema)
    assert isinstance(fast, str) and fast.startswith(reason), fast


def test_a_form_left_to_the_detailed_validator_still_checks() -> None:
    definition = {
        "schema": {
            "type": "object",
            "patternProperties": {"^q\\d+$": {"enum": ["yes", "no"]}},
            "additionalProperties": False,
        }
    }
    compiled = compiled_of(definition)
    assert isinstance(compiled.fast, str)
    assert compiled.check({"q1": "yes"}) == []
    assert [(i.path, i.code) for i in compiled.check({"q1": "maybe", "x": 1})] == [
        (("x",), "schema.additionalProperties"),
        (("q1",), "schema.enum"),
    ]

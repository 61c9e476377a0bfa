"""A bounded GraphQL fuzz run over every root query and mutation: 0 internal errors.

Neither schemathesis nor hypothesis is installed here, so a small generator walks the
schema itself: for each root field it builds the arguments from their types (input
objects filled in, nested a few levels) with values chosen from a pool of hostile ones
(NUL bytes, strings longer than any column, extreme numbers, impossible dates, NaN and
huge decimals, malformed global ids, nested JSON) and selects what the field returns
(``__typename``, the error members' ``code``/``message``, a few scalar fields). Every
answer must be a typed result or an expected error: no 5xx, no INTERNAL_SERVER_ERROR.

Deterministic by default; AUDITPORTAL_FUZZ_SEED and AUDITPORTAL_FUZZ_ROUNDS vary it.
"""

from __future__ import annotations

import base64
import os
import random
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)

from auditportal.api.schema import build_schema
from tests.conftest import SETTINGS, Api

SEED = int(os.environ.get("AUDITPORTAL_FUZZ_SEED", "20261202"))
ROUNDS = int(os.environ.get("AUDITPORTAL_FUZZ_ROUNDS", "2"))

# Ordinary values first, hostile ones after: each scalar draws a hostile one 40 % of
# the time, so that most requests get past coercion and reach the services.
STRINGS = ["x", "客户", "FREQ=MONTHLY", "", "a" * 5000, "nul\x00byte", "' OR 1=1 --", "１２３"]
INTS = [1, 7, 0, -1, 2**31 - 1, -(2**31)]
FLOATS = [3.14, 0.0, -1.5, 1e308, -1e308]
DECIMALS = ["12.34", "-0.01", "NaN", "Infinity", "1e400", "99999999999999999999", "x"]
DATES = ["2026-06-01", "2026-12-31", "0001-01-01", "9999-12-31", "2026-02-30", "not a date"]
DATETIMES = ["2026-06-01T08:00:00Z", "2026-06-01T08:00:00+08:00", "9999-12-31T23:59:59-23:59"]
DATETIMES += ["0001-01-01T00:00:00+14:00", "x"]
JSONS: list[Any] = [{}, {"a": 1}, {"a": "b\x00"}, [1, 2], {"d": {"e": {"f": [1, {"x": None}]}}}]
TYPE_NAMES = ["Customer", "Form", "Submission", "User", "WorkflowInstance", "Nope"]


def _global_id(rng: random.Random) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        return "not-base64!"
    if choice == 1:
        return base64.b64encode(b"Customer:not-a-uuid").decode()
    if choice == 2:
        return "a" * 500
    name = rng.choice(TYPE_NAMES)
    return base64.b64encode(f"{name}:00000000-0000-0000-0000-000000000000".encode()).decode()


def _pick(rng: random.Random, pool: list[Any]) -> Any:
    ordinary = max(1, len(pool) // 3)
    return rng.choice(pool[ordinary:] if rng.random() < 0.4 else pool[:ordinary])


def _scalar(rng: random.Random, scalar: GraphQLScalarType) -> Any:
    pools: dict[str, list[Any]] = {
        "String": STRINGS,
        "Int": INTS,
        "Float": FLOATS,
        "Boolean": [True, False],
        "Decimal": DECIMALS,
        "Date": DATES,
        "DateTime": DATETIMES,
        "JSON": JSONS,
    }
    if scalar.name == "ID":
        return _global_id(rng)
    if scalar.name == "Upload":
        return None
    return _pick(rng, pools.get(scalar.name, STRINGS))


def _value(rng: random.Random, type_: GraphQLInputType, depth: int = 0) -> Any:
    if isinstance(type_, GraphQLNonNull):
        return _value(rng, type_.of_type, depth)
    if isinstance(type_, GraphQLList):
        return [_value(rng, type_.of_type, depth + 1) for _ in range(rng.randrange(3))]
    if isinstance(type_, GraphQLEnumType):
        return rng.choice([*type_.values, "NOT_A_VALUE"] if rng.random() < 0.1 else [*type_.values])
    if isinstance(type_, GraphQLInputObjectType):
        if depth > 3:
            return None
        fields = {}
        for name, field in type_.fields.items():
            if isinstance(field.type, GraphQLNonNull) or rng.random() < 0.7:
                fields[name] = _value(rng, field.type, depth + 1)
        return fields
    assert isinstance(type_, GraphQLScalarType)
    return _scalar(rng, type_)


def _selection(type_: GraphQLOutputType, depth: int = 0) -> str:
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return ""
    parts = ["__typename"]
    if isinstance(named, GraphQLUnionType):
        parts.append("... on UserError { code message }")
        for member in named.types:
            inner = _fields(member, depth + 1)
            if inner:
                parts.append(f"... on {member.name} {{ {inner} }}")
    elif isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        inner = _fields(named, depth + 1)
        if inner:
            parts.append(inner)
    return "{ " + " ".join(parts) + " }"


def _fields(type_: GraphQLObjectType | GraphQLInterfaceType, depth: int) -> str:
    chosen = []
    for name, field in type_.fields.items():
        if any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values()):
            continue
        inner = _selection(field.type, depth) if depth < 3 else ""
        named = get_named_type(field.type)
        if isinstance(named, GraphQLScalarType | GraphQLEnumType):
            chosen.append(name)
        elif inner:
            chosen.append(f"{name} {inner}")
        if len(chosen) >= 6:
            break
    return " ".join(chosen)


def _operation(
    rng: random.Random, kind: str, name: str, field: GraphQLField
) -> tuple[str, dict[str, Any]]:
    definitions, arguments, variables = [], [], {}
    for arg_name, arg in field.args.items():
        if not isinstance(arg.type, GraphQLNonNull) and rng.random() < 0.2:
            continue
        definitions.append(f"${arg_name}: {arg.type}")
        arguments.append(f"{arg_name}: ${arg_name}")
        variables[arg_name] = _value(rng, arg.type)
    header = f"({', '.join(definitions)})" if definitions else ""
    call = f"({', '.join(arguments)})" if arguments else ""
    return f"{kind} Fuzz{header} {{ {name}{call} {_selection(field.type)} }}", variables


def _requests(schema: GraphQLSchema) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(SEED)
    requests = []
    roots = [("query", schema.query_type), ("mutation", schema.mutation_type)]
    for kind, root in roots:
        assert root is not None
        for name, field in sorted(root.fields.items()):
            for _ in range(ROUNDS):
                requests.append(_operation(rng, kind, name, field))
    return requests


async def test_fuzzing_every_root_field_finds_no_internal_error(api: Api) -> None:
    schema = build_schema(SETTINGS)._schema
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    requests = _requests(schema)
    assert len(requests) >= 100
    internal: list[tuple[str, dict[str, Any], Any]] = []
    for index, (query, variables) in enumerate(requests):
        token = (admin.token, auditor.token, None)[index % 3]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await api.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        if response.status_code >= 500:
            internal.append((query, variables, response.text[:300]))
            continue
        body = response.json()
        for error in body.get("errors") or []:
            if (error.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR":
                internal.append((query, variables, error))
    assert internal == [], f"{len(internal)} internal errors in {len(requests)} requests"

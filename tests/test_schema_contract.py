"""The committed SDL matches the live schema, and every root field declares a policy."""

from __future__ import annotations

from auditportal.api.policy import PolicyExtension
from auditportal.api.schema import build_schema
from tests.conftest import REPO_ROOT, SETTINGS


def test_committed_schema_matches_the_live_one() -> None:
    live = build_schema(SETTINGS).as_str() + "\n"
    committed = (REPO_ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert committed == live, (
        "schema/schema.graphql is stale: run `make schema` (auditportal export-schema "
        "-o schema/schema.graphql) and review the API change."
    )


def test_every_query_and_mutation_field_declares_a_policy() -> None:
    schema = build_schema(SETTINGS)
    missing = []
    for root in ("Query", "Mutation"):
        definition = schema.get_type_by_name(root)
        assert definition is not None
        for field in definition.fields:  # type: ignore[union-attr]
            if not any(isinstance(ext, PolicyExtension) for ext in field.extensions):
                missing.append(f"{root}.{field.python_name}")
    assert missing == []

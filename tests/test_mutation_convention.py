"""One convention for every mutation: one `input` argument, a union result whose errors are
typed (UserError with an ErrorCode), and field paths that start at `input`."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLUnionType

from auditportal.api.schema import build_schema
from tests import gql
from tests.conftest import SETTINGS, Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit


def test_every_mutation_takes_one_input_and_returns_typed_errors() -> None:
    schema = build_schema(SETTINGS)._schema
    mutation = schema.mutation_type
    assert mutation is not None
    user_error = schema.get_type("UserError")
    offenders = []
    for name, field in mutation.fields.items():
        result = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        members = result.types if isinstance(result, GraphQLUnionType) else []
        typed = [m for m in members if user_error in m.interfaces]
        if list(field.args) != ["input"] or not typed:
            offenders.append(name)
    assert offenders == []
    assert len(mutation.fields) >= 43
    code = schema.get_type("UserError").fields["code"].type  # type: ignore[union-attr]
    assert isinstance(code, GraphQLNonNull) and isinstance(code.of_type, GraphQLEnumType)
    assert code.of_type.name == "ErrorCode"
    assert set(code.of_type.values) >= {"VALIDATION_FAILED", "NOT_ALLOWED", "NOT_FOUND"}


async def test_one_submit_result_has_every_path_at_input(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    bad_key = await submit(
        auditor, formVersionId=version_id, answers=good_answers(), idempotencyKey="k" * 200
    )
    assert [e["path"] for e in bad_key["errors"]] == [["input", "idempotencyKey"]]
    bad_answer = await submit(
        auditor, formVersionId=version_id, answers=good_answers(contracts="yes")
    )
    assert bad_answer["code"] == "VALIDATION_FAILED"
    assert [e["path"] for e in bad_answer["errors"]] == [["input", "answers", "contracts"]]
    bad_id = await auditor.data(gql.SUBMIT, {"input": {"formVersionId": "nope", "answers": {}}})
    errors = bad_id["submitForm"]["errors"]
    assert [e["path"] for e in errors] == [["input", "formVersionId"]]

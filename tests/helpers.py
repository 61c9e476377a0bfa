"""Steps many tests take: publish a form, submit answers."""

from __future__ import annotations

from typing import Any

from tests import gql
from tests.conftest import Person


async def publish(admin: Person, definition: dict[str, Any]) -> tuple[str, str]:
    """Create and publish a form; returns (form id, version id)."""
    created = (await admin.data(gql.CREATE_DRAFT, {"definition": definition}))["createFormDraft"]
    assert created["__typename"] == "FormDraftSaved", created
    form_id = created["form"]["id"]
    published = (await admin.data(gql.PUBLISH, {"formId": form_id}))["publishForm"]
    assert published["__typename"] == "FormPublished", published
    return form_id, published["version"]["id"]


async def submit(person: Person, language: str = "en", **input_: Any) -> dict[str, Any]:
    result = await person.data(gql.SUBMIT, {"input": input_}, language=language)
    return result["submitForm"]  # type: ignore[no-any-return]

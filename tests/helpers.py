"""Steps many tests take: publish a form, submit answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditportal.settings import Settings
from auditportal.storage.filesystem import FilesystemStorage
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


def stored_file(key: str | None, settings: Settings) -> Path:
    """The file behind a storage key in the tests' filesystem storage (to read it back with
    pdftotext and friends)."""
    assert key, "nothing was stored"
    return FilesystemStorage(settings.resolved_storage_dir).path(key)

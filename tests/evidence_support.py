"""Helpers for evidence tests: a form with attachment fields, real image bytes, uploads."""

from __future__ import annotations

import io
import json
from typing import Any

from PIL import Image

from tests.conftest import Api, Person
from tests.factories import question, t

UPLOAD = """
mutation($input: UploadAttachmentInput!) {
  uploadAttachment(input: $input) {
    __typename
    ... on AttachmentUploaded {
      attachment { id kind fileName contentType byteSize sha256 caption fieldPath url
                   thumbnailUrl hasThumbnail createdAt }
    }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""

# A minimal valid PDF (what pdf.js or a scanner would hand over starts the same way).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def evidence_form(key: str = "evidence-check", **overrides: Any) -> dict[str, Any]:
    """Site photos (up to 2), a contract PDF (100 KB at most) and a drawn signature."""
    definition: dict[str, Any] = {
        "key": key,
        "category": "inspection_checklist",
        "title": t("Evidence check", "证据检查"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["site"],
            "additionalProperties": False,
            "properties": {
                "site": {
                    "type": "object",
                    "x-title": t("Site", "现场"),
                    "required": ["ok"],
                    "additionalProperties": False,
                    "properties": {
                        "ok": question("Site in order"),
                        "photos": {
                            "type": "array",
                            "items": {"type": "string"},
                            "x-title": t("Site photos", "现场照片"),
                            "x-attachment": {
                                "kind": "photo",
                                "accept": ["image/jpeg", "image/png"],
                                "maxFiles": 2,
                            },
                        },
                    },
                },
                "contract": {
                    "type": "string",
                    "x-title": t("Contract", "合同"),
                    "x-attachment": {
                        "kind": "file",
                        "accept": ["application/pdf"],
                        "maxBytes": 100_000,
                    },
                },
                "signature": {
                    "type": "string",
                    "x-title": t("Signature", "签名"),
                    "x-attachment": {"kind": "signature", "accept": ["image/png"]},
                },
            },
        },
    }
    definition.update(overrides)
    return definition


def image_bytes(kind: str = "JPEG", size: tuple[int, int] = (800, 600)) -> bytes:
    image = Image.new("RGB", size, (30, 120, 200))
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


async def upload(
    api: Api,
    person: Person | None,
    content: bytes,
    *,
    version_id: str,
    field_path: str,
    file_name: str = "photo.jpg",
    claimed_type: str = "application/octet-stream",
    language: str = "en",
    **extra: Any,
) -> dict[str, Any]:
    variables = {
        "input": {"file": None, "formVersionId": version_id, "fieldPath": field_path, **extra}
    }
    headers = {"Accept-Language": language}
    if person is not None:
        headers["Authorization"] = f"Bearer {person.token}"
    response = await api.client.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": (file_name, content, claimed_type)},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["uploadAttachment"]  # type: ignore[no-any-return]


async def uploaded(api: Api, person: Person, content: bytes, **kw: Any) -> dict[str, Any]:
    result = await upload(api, person, content, **kw)
    assert result["__typename"] == "AttachmentUploaded", result
    return result["attachment"]  # type: ignore[no-any-return]

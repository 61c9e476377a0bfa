"""Inputs of the evidence mutations."""

from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload


@strawberry.input
class UploadAttachmentInput:
    file: Upload = strawberry.field(description="The file (GraphQL multipart request).")
    form_version_id: strawberry.ID
    field_path: str = strawberry.field(
        description="The attachment field, as a JSON Pointer into the answers (/site/photo)."
    )
    draft_id: strawberry.ID | None = strawberry.field(
        default=None, description="Your draft the upload belongs to (then only it may use it)."
    )
    caption: str | None = strawberry.field(
        default=None, description="Shown with it, e.g. in reports."
    )

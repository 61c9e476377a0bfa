"""The Attachment type: metadata and download addresses of one stored file."""

from __future__ import annotations

from datetime import datetime

import strawberry

from auditportal.api.relay import to_global_id
from auditportal.evidence.models import Attachment as AttachmentModel
from auditportal.evidence.models import AttachmentKind

strawberry.enum(AttachmentKind, name="AttachmentKind", description="What an attachment is.")


@strawberry.type(
    name="Attachment",
    description="A photo, file or signature attached to an answer. Download it from url with "
    "the same bearer token (Authorization header); the answer holds its id.",
)
class AttachmentNode:
    model: strawberry.Private[AttachmentModel]

    @strawberry.field(description="What an answer holds to reference it.")
    def id(self) -> strawberry.ID:
        return to_global_id("Attachment", self.model.id)

    @strawberry.field
    def kind(self) -> AttachmentKind:
        return self.model.kind

    @strawberry.field(description="The name it was uploaded with (folders removed).")
    def file_name(self) -> str:
        return self.model.file_name

    @strawberry.field(description="Recognised from the file's bytes, not the uploader's claim.")
    def content_type(self) -> str:
        return self.model.content_type

    @strawberry.field
    def byte_size(self) -> int:
        return int(self.model.byte_size)

    @strawberry.field(description="SHA-256 of the content, hex.")
    def sha256(self) -> str:
        return self.model.sha256

    @strawberry.field
    def caption(self) -> str | None:
        return self.model.caption

    @strawberry.field(description="Where the answer holds it: a JSON Pointer-like field path.")
    def field_path(self) -> str:
        return "/" + self.model.field_key

    @strawberry.field(description="The content: GET with the bearer token.")
    def url(self) -> str:
        return f"/files/{self.model.id}"

    @strawberry.field(description="A small JPEG of an image once made (null for other files).")
    def thumbnail_url(self) -> str | None:
        if not self.model.content_type.startswith("image/"):
            return None
        return f"/files/{self.model.id}/thumbnail"

    @strawberry.field(description="Whether the thumbnail is ready (it is made in a job).")
    def has_thumbnail(self) -> bool:
        return self.model.thumbnail_key is not None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

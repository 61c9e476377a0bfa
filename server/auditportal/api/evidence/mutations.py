"""uploadAttachment: one file for one attachment field, through GraphQL multipart."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import Conflict, NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.evidence import inputs
from auditportal.api.evidence.types import AttachmentNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.auth.policy import Permission
from auditportal.errors import FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.evidence import service as evidence


@strawberry.type(description="The file is stored; put attachment.id into the field's answer.")
class AttachmentUploaded:
    attachment: AttachmentNode


UploadAttachmentResult = Annotated[
    AttachmentUploaded | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("UploadAttachmentResult"),
]


@strawberry.type
class EvidenceMutations:
    @strawberry.mutation(
        description="Upload a photo, file or signature for an attachment field (multipart). "
        "Its type is recognised from its bytes; unknown, refused or oversized files are a "
        "ValidationFailed at input.file and nothing is kept.",
        extensions=requires(Permission.SUBMISSIONS_CREATE),
    )
    async def upload_attachment(
        self, info: Info[Context, Any], input: inputs.UploadAttachmentInput
    ) -> UploadAttachmentResult:
        async def action() -> AttachmentUploaded:
            read = getattr(input.file, "read", None)
            if not callable(read):  # a JSON request naming no multipart file part
                issue = FieldIssue(("file",), "attachment.file_missing")
                raise DomainValidationFailed("error.invalid_input", [issue], count=1)
            version_id = input_id(input.form_version_id, "FormVersion", "formVersionId")
            draft_id = (
                input_id(input.draft_id, "FormDraft", "draftId")
                if input.draft_id is not None
                else None
            )
            attachment = await evidence.upload(
                info.context.principal,
                version_id=version_id,
                field_path=input.field_path,
                file_name=getattr(input.file, "filename", None),
                read=read,
                draft_id=draft_id,
                caption=input.caption,
                settings=info.context.settings,
            )
            return AttachmentUploaded(attachment=AttachmentNode(model=attachment))

        return await run_mutation(info, action, "input")

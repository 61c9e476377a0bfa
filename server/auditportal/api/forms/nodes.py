"""The forms domain's Node types, read as their root fields read them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.forms.types import FormNode, FormVersionNode, SubmissionNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.forms import reads


async def _form(info: Info[Context, Any], object_id: UUID) -> FormNode | None:
    found = await reads.form(info.context.principal, form_id=object_id)
    return FormNode(model=found) if found else None


async def _version(info: Info[Context, Any], object_id: UUID) -> FormVersionNode | None:
    found = await reads.version(info.context.principal, object_id)
    return FormVersionNode(model=found) if found else None


async def _submission(info: Info[Context, Any], object_id: UUID) -> SubmissionNode | None:
    found = await info.context.loaders.submission.load(object_id)
    return SubmissionNode(model=found) if found else None


NODE_TYPES = {
    "Form": NodeType(Permission.FORMS_READ, _form),
    "FormVersion": NodeType(Permission.FORMS_READ, _version),
    "Submission": NodeType(Permission.SUBMISSIONS_READ, _submission),
}

"""Query.node and Query.me: resolving any global id under the same rules as its list."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.forms.types import FormNode, FormVersionNode, SubmissionNode
from auditportal.api.people import CustomerNode, UserNode
from auditportal.api.policy import requires
from auditportal.api.relay import Node, parse_global_id
from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import Role


@strawberry.type(description="Who is calling.")
class Viewer:
    user: UserNode | None
    role: Role | None
    scopes: list[str]
    language: str


async def resolve_node(info: Info[Context, Any], global_id: str) -> Node | None:
    type_name, object_id = parse_global_id(global_id)
    context = info.context
    principal, loaders = context.principal, context.loaders
    if type_name == "Form" and allows(principal, Permission.FORMS_READ):
        form = await loaders.form.load(object_id)
        visible = form and (
            form.latest_version_number > 0 or allows(principal, Permission.FORMS_DESIGN)
        )
        return FormNode(model=form) if form and visible else None
    if type_name == "FormVersion" and allows(principal, Permission.FORMS_READ):
        version = await loaders.form_version.load(object_id)
        return FormVersionNode(model=version) if version else None
    if type_name == "Submission" and allows(principal, Permission.SUBMISSIONS_READ):
        submission = await loaders.submission.load(object_id)
        return SubmissionNode(model=submission) if submission else None
    if type_name == "User" and (
        allows(principal, Permission.USERS_READ) or principal.user_id == object_id
    ):
        user = await loaders.user.load(object_id)
        return UserNode(model=user) if user else None
    if type_name == "Customer" and allows(principal, Permission.CUSTOMERS_READ):
        if principal.role is Role.CUSTOMER and principal.customer_id != object_id:
            return None
        customer = await loaders.customer.load(object_id)
        return CustomerNode(model=customer) if customer else None
    return None


@strawberry.type
class NodeQueries:
    @strawberry.field(
        description="Any object by global id; null when missing or not visible to you.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def node(self, info: Info[Context, Any], id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)

    @strawberry.field(extensions=requires(Permission.SIGNED_IN))
    async def me(self, info: Info[Context, Any]) -> Viewer:
        principal = info.context.principal
        user = (
            await info.context.loaders.user.load(principal.user_id) if principal.user_id else None
        )
        return Viewer(
            user=UserNode(model=user) if user else None,
            role=principal.role,
            scopes=sorted(principal.scopes),
            language=info.context.language,
        )

"""Query.node and Query.me: resolving any global id under the same rules as its list."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.admin.types import ConsultantGrantNode, OAuthClientNode
from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.forms.types import FormNode, FormVersionNode, SubmissionNode
from auditportal.api.inspections.types import InspectionPlanNode, ScheduledInspectionNode
from auditportal.api.jobs.types import JobRunNode
from auditportal.api.people import UserNode
from auditportal.api.policy import requires
from auditportal.api.relay import Node, parse_global_id
from auditportal.auth.models import ConsultantGrant, OAuthClient
from auditportal.auth.policy import (
    Permission,
    allows,
    customer_scope,
    form_scope,
    internal_customer_scope,
)
from auditportal.auth.principal import Role
from auditportal.customers import queries as customer_queries
from auditportal.forms import queries as form_queries
from auditportal.inspections import queries as inspection_queries
from auditportal.jobs.models import JobRun


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
        form = await form_queries.visible_form(form_scope(principal), object_id)
        if form is None:
            return None
        await loaders.reads.record("Form", [form])
        return FormNode(model=form)
    if type_name == "FormVersion" and allows(principal, Permission.FORMS_READ):
        version = await form_queries.visible_version(form_scope(principal), object_id)
        if version is None:
            return None
        await loaders.reads.record("FormVersion", [version])
        return FormVersionNode(model=version)
    if type_name == "Submission" and allows(principal, Permission.SUBMISSIONS_READ):
        submission = await loaders.submission.load(object_id)
        return SubmissionNode(model=submission) if submission else None
    if type_name == "User" and (
        allows(principal, Permission.USERS_READ) or principal.user_id == object_id
    ):
        user = await loaders.user.load(object_id)
        return UserNode(model=user) if user else None
    if type_name == "Customer" and allows(principal, Permission.CUSTOMERS_READ):
        customer = await customer_queries.visible_customer(customer_scope(principal), object_id)
        if customer is None:
            return None
        await loaders.reads.record("Customer", [customer])
        return CustomerNode(model=customer)
    if type_name == "OAuthClient" and allows(principal, Permission.CLIENTS_MANAGE):
        client = await OAuthClient.get_or_none(id=object_id)
        return OAuthClientNode(model=client) if client else None
    if type_name == "ConsultantGrant" and allows(principal, Permission.GRANTS_MANAGE):
        grant = await ConsultantGrant.get_or_none(id=object_id)
        return ConsultantGrantNode(model=grant) if grant else None
    if type_name == "InspectionPlan" and allows(principal, Permission.PLANS_READ):
        plan = await inspection_queries.plan_by_id(object_id)
        return InspectionPlanNode(model=plan) if plan else None
    if type_name == "ScheduledInspection" and allows(principal, Permission.PLANS_READ):
        row = await inspection_queries.visible_inspection(
            internal_customer_scope(principal), object_id
        )
        return ScheduledInspectionNode(model=row) if row else None
    if type_name == "JobRun" and allows(principal, Permission.JOBS_READ):
        run = await JobRun.get_or_none(id=object_id)
        return JobRunNode(model=run) if run else None
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

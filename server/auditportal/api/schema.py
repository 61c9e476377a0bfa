"""The schema: the domains' query and mutation types merged, with request limits."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError, GraphQLObjectType
from strawberry.extensions import MaxTokensLimiter, ParserCache, SchemaExtension
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from auditportal.api.admin.mutations import AdminMutations
from auditportal.api.admin.queries import AdminQueries
from auditportal.api.admin.types import ConsultantGrantNode, OAuthClientNode
from auditportal.api.audit.queries import AuditQueries
from auditportal.api.customers.mutations import CustomerMutations
from auditportal.api.customers.queries import CustomerQueries
from auditportal.api.customers.types import CustomerNode
from auditportal.api.drafts.mutations import DraftMutations
from auditportal.api.drafts.queries import DraftQueries
from auditportal.api.drafts.types import FormDraftNode
from auditportal.api.evidence.mutations import EvidenceMutations
from auditportal.api.exports.mutations import ExportMutations
from auditportal.api.exports.queries import ExportQueries
from auditportal.api.exports.types import ExportNode
from auditportal.api.extensions.input_sanitiser import InputSanitiser
from auditportal.api.extensions.introspection_policy import IntrospectionPolicy
from auditportal.api.extensions.limited_validation import LimitedValidation, limits_of
from auditportal.api.extensions.mask_unexpected_errors import MaskUnexpectedErrors
from auditportal.api.extensions.operation_selection import OperationSelection
from auditportal.api.forms.mutations import FormMutations
from auditportal.api.forms.queries import FormQueries
from auditportal.api.forms.types import FormNode, FormVersionNode, SubmissionNode
from auditportal.api.holidays.schema import CalendarMutations, CalendarQueries
from auditportal.api.imports.crm_types import CrmConnectionNode
from auditportal.api.imports.mutations import ImportMutations
from auditportal.api.imports.queries import ImportQueries
from auditportal.api.imports.types import CustomerImportNode
from auditportal.api.inspections.mutations import InspectionMutations
from auditportal.api.inspections.queries import InspectionQueries
from auditportal.api.inspections.types import InspectionPlanNode, ScheduledInspectionNode
from auditportal.api.jobs.queries import JobQueries
from auditportal.api.jobs.types import JobRunNode
from auditportal.api.kpis.queries import KpiQueries
from auditportal.api.node import NodeQueries, node_types
from auditportal.api.people import UserNode
from auditportal.api.read_log import RecordConsultantReads
from auditportal.api.reports.mutations import ReportMutations, ReportTemplateMutations
from auditportal.api.reports.queries import ReportQueries
from auditportal.api.scalars import SCALAR_OVERRIDES
from auditportal.api.verification.mutations import VerificationMutations
from auditportal.api.verification.queries import VerificationQueries
from auditportal.api.work.mutations import WorkMutations
from auditportal.api.work.queries import WorkQueries
from auditportal.api.workflows.mutations import WorkflowMutations
from auditportal.api.workflows.queries import WorkflowQueries
from auditportal.api.workflows.types import (
    WorkflowDefinitionNode,
    WorkflowInstanceNode,
    WorkflowVersionNode,
)
from auditportal.settings import Settings

Query = merge_types(
    "Query",
    (
        NodeQueries,
        FormQueries,
        WorkflowQueries,
        AdminQueries,
        AuditQueries,
        CustomerQueries,
        InspectionQueries,
        JobQueries,
        ImportQueries,
        WorkQueries,
        DraftQueries,
        CalendarQueries,
        ReportQueries,
        KpiQueries,
        ExportQueries,
        VerificationQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        FormMutations,
        WorkflowMutations,
        AdminMutations,
        CustomerMutations,
        InspectionMutations,
        ImportMutations,
        WorkMutations,
        DraftMutations,
        EvidenceMutations,
        CalendarMutations,
        ReportMutations,
        ReportTemplateMutations,
        ExportMutations,
        VerificationMutations,
    ),
)


class PortalSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors are answers, not incidents; unexpected ones are logged (with the
        # request id) where they are masked.
        del errors, execution_context


def build_schema(settings: Settings) -> strawberry.Schema:
    limits = limits_of(settings)
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=256),
        OperationSelection,
        # Depth, aliases and cost before any other work; then the (cached) validation.
        lambda: LimitedValidation(limits),
        InputSanitiser,
        IntrospectionPolicy,
        MaskUnexpectedErrors,
        RecordConsultantReads,
    ]
    schema = PortalSchema(
        query=Query,
        mutation=Mutation,
        types=[
            FormNode,
            FormVersionNode,
            SubmissionNode,
            UserNode,
            CustomerNode,
            OAuthClientNode,
            ConsultantGrantNode,
            WorkflowDefinitionNode,
            WorkflowVersionNode,
            WorkflowInstanceNode,
            InspectionPlanNode,
            ScheduledInspectionNode,
            JobRunNode,
            CustomerImportNode,
            CrmConnectionNode,
            FormDraftNode,
            ExportNode,
        ],
        extensions=extensions,
        scalar_overrides=SCALAR_OVERRIDES,
    )
    _check_node_registry(schema)
    return schema


def _check_node_registry(schema: strawberry.Schema) -> None:
    """Every type implementing Node must resolve through ``node(id:)``'s registry."""
    missing = sorted(
        name
        for name, graphql_type in schema._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType)
        and any(interface.name == "Node" for interface in graphql_type.interfaces)
        and name not in node_types()
    )
    if missing:
        raise RuntimeError(f"Node types without a node(id:) loader: {', '.join(missing)}")

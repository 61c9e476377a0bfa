"""Write fields of the customer register: thin calls of the domain services.

Input problems come back with paths into the mutation's ``input``
(``["input", "contacts", "0", "email"]``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers import inputs
from auditportal.api.customers.types import (
    ClassificationRules,
    CommunicationNode,
    CommunicationPlanNode,
    CreditRecordType,
    CustomerNode,
    FollowUpType,
    RiskNode,
)
from auditportal.api.errors import (
    Conflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
    run_mutation,
)
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.auth.policy import Permission
from auditportal.customers import classification, communications, credit, profile, risks
from auditportal.customers.models import Customer
from auditportal.customers.register_models import Risk

_ERRORS = ValidationFailed | NotAllowed | NotFound | Conflict


@strawberry.type(description="The customer as saved.")
class CustomerSaved:
    customer: CustomerNode


@strawberry.type(description="The new version of the classification rules is in force.")
class ClassificationRulesSaved:
    rules: ClassificationRules
    reclassification_job_id: strawberry.ID | None = strawberry.field(
        description="The run that reclassifies every customer under the new rules."
    )


@strawberry.type(description="The credit record was added; the customer's grade follows it.")
class CreditRecorded:
    record: CreditRecordType
    customer: CustomerNode


@strawberry.type(description="The risk as saved; the customer's risk score was recomputed.")
class RiskSaved:
    risk: RiskNode
    customer: CustomerNode


@strawberry.type(description="The contact was logged.")
class CommunicationLogged:
    communication: CommunicationNode


@strawberry.type(description="The follow-up is done.")
class FollowUpCompleted:
    follow_up: FollowUpType


@strawberry.type(description="The communication plan as saved.")
class CommunicationPlanSaved:
    plan: CommunicationPlanNode


CustomerResult = Annotated[CustomerSaved | _ERRORS, strawberry.union("CustomerResult")]
SaveRulesResult = Annotated[
    ClassificationRulesSaved | _ERRORS, strawberry.union("SaveClassificationRulesResult")
]
RecordCreditResult = Annotated[CreditRecorded | _ERRORS, strawberry.union("RecordCreditResult")]
RiskResult = Annotated[RiskSaved | _ERRORS, strawberry.union("RiskResult")]
LogCommunicationResult = Annotated[
    CommunicationLogged | _ERRORS, strawberry.union("LogCommunicationResult")
]
CompleteFollowUpResult = Annotated[
    FollowUpCompleted | _ERRORS, strawberry.union("CompleteFollowUpResult")
]
CommunicationPlanResult = Annotated[
    CommunicationPlanSaved | _ERRORS, strawberry.union("CommunicationPlanResult")
]


def _contacts(values: list[inputs.ContactInput] | None) -> list[dict[str, Any]] | None:
    if values is None:
        return None
    return [
        {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone, "primary": c.primary}
        for c in values
    ]


def _optional_text(value: str | None, name: str, cleared: set[str]) -> str | None:
    if value is not None and not value.strip():
        cleared.add(name)
        return None
    return value


def _risk_fields(input: inputs.CreateRiskInput | inputs.UpdateRiskInput) -> risks.RiskFields:
    return risks.RiskFields(
        category=input.category,
        title=input.title,
        description=input.description,
        likelihood=input.likelihood,
        impact=input.impact,
        owner_id=input_id(input.owner_id, "User", "ownerId") if input.owner_id else None,
        mitigation=input.mitigation,
        review_on=input.review_on,
    )


async def _risk_saved(risk: Risk) -> RiskSaved:
    return RiskSaved(
        risk=RiskNode(model=risk),
        customer=CustomerNode(model=await Customer.get(id=risk.customer_id)),
    )


@strawberry.type
class CustomerMutations:
    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_WRITE))
    async def create_customer(
        self, info: Info[Context, Any], input: inputs.CreateCustomerInput
    ) -> CustomerResult:
        async def action() -> CustomerSaved:
            principal = info.context.principal
            auditor = (
                input_id(input.account_auditor_id, "User", "accountAuditorId")
                if input.account_auditor_id
                else None
            )
            customer = await profile.create_customer(
                principal,
                profile.ProfileChanges(
                    code=input.code,
                    name=input.name,
                    industry=input.industry,
                    region=input.region,
                    contacts=_contacts(input.contacts),
                    attributes=input.attributes,  # type: ignore[arg-type]
                    tags=list(input.tags),
                    transaction_volume=input.transaction_volume,
                ),
                account_auditor_id=auditor,
                settings=info.context.settings,
            )
            await classification.reclassify(principal, [customer.id])
            return CustomerSaved(customer=CustomerNode(model=await Customer.get(id=customer.id)))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_WRITE))
    async def update_customer(
        self, info: Info[Context, Any], input: inputs.UpdateCustomerInput
    ) -> CustomerResult:
        async def action() -> CustomerSaved:
            principal = info.context.principal
            cleared: set[str] = set()
            customer = await profile.update_customer(
                principal,
                input_id(input.customer_id, "Customer", "customerId"),
                input.lock_version,
                profile.ProfileChanges(
                    code=input.code,
                    name=input.name,
                    industry=_optional_text(input.industry, "industry", cleared),
                    region=_optional_text(input.region, "region", cleared),
                    contacts=_contacts(input.contacts),
                    attributes=input.attributes,  # type: ignore[arg-type]
                    transaction_volume=input.transaction_volume,
                    cleared=cleared,
                ),
                settings=info.context.settings,
            )
            # Volume, region and industry are facts of the classification rules.
            await classification.reclassify(principal, [customer.id])
            return CustomerSaved(customer=CustomerNode(model=await Customer.get(id=customer.id)))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_WRITE))
    async def set_customer_tags(
        self, info: Info[Context, Any], input: inputs.SetCustomerTagsInput
    ) -> CustomerResult:
        async def action() -> CustomerSaved:
            customer_id = input_id(input.customer_id, "Customer", "customerId")
            await profile.set_tags(
                info.context.principal,
                customer_id,
                input.lock_version,
                list(input.tags),
                info.context.settings,
            )
            await classification.reclassify(info.context.principal, [customer_id])
            return CustomerSaved(customer=CustomerNode(model=await Customer.get(id=customer_id)))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_WRITE))
    async def set_account_auditor(
        self, info: Info[Context, Any], input: inputs.SetAccountAuditorInput
    ) -> CustomerResult:
        async def action() -> CustomerSaved:
            customer = await profile.set_account_auditor(
                info.context.principal,
                input_id(input.customer_id, "Customer", "customerId"),
                input_id(input.auditor_id, "User", "auditorId") if input.auditor_id else None,
            )
            return CustomerSaved(customer=CustomerNode(model=customer))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CLASSIFY))
    async def override_customer_tier(
        self, info: Info[Context, Any], input: inputs.OverrideCustomerTierInput
    ) -> CustomerResult:
        async def action() -> CustomerSaved:
            customer = await classification.override_tier(
                info.context.principal,
                input_id(input.customer_id, "Customer", "customerId"),
                input.tier,
                input.reason,
                input.expires_at,
            )
            return CustomerSaved(customer=CustomerNode(model=customer))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CLASSIFY))
    async def clear_tier_override(
        self, info: Info[Context, Any], input: inputs.ClearTierOverrideInput
    ) -> CustomerResult:
        async def action() -> CustomerSaved:
            customer = await classification.clear_override(
                info.context.principal,
                input_id(input.customer_id, "Customer", "customerId"),
                input.reason,
            )
            return CustomerSaved(customer=CustomerNode(model=customer))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CLASSIFY))
    async def save_classification_rules(
        self, info: Info[Context, Any], input: inputs.SaveClassificationRulesInput
    ) -> SaveRulesResult:
        async def action() -> ClassificationRulesSaved:
            from auditportal.jobs import dispatch, names

            principal = info.context.principal
            saved = await classification.save_rules(principal, input.document, input.note)
            run = await dispatch.enqueue(
                names.RECLASSIFY_CUSTOMERS,
                {},
                key=f"reclassify:rules:{saved.number}",
                requested_by=principal.user_id,
            )
            return ClassificationRulesSaved(
                rules=ClassificationRules(model=saved),
                reclassification_job_id=strawberry.ID(str(run.id)),
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CLASSIFY))
    async def record_credit(
        self, info: Info[Context, Any], input: inputs.RecordCreditInput
    ) -> RecordCreditResult:
        async def action() -> CreditRecorded:
            customer_id = input_id(input.customer_id, "Customer", "customerId")
            record = await credit.record_credit(
                info.context.principal,
                customer_id,
                grade=input.grade.strip().upper(),
                credit_limit=Decimal(input.credit_limit)
                if input.credit_limit is not None
                else None,
                currency=input.currency,
                assessed_at=input.assessed_at,
                note=input.note,
            )
            return CreditRecorded(
                record=CreditRecordType(model=record),
                customer=CustomerNode(model=await Customer.get(id=customer_id)),
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def create_risk(
        self, info: Info[Context, Any], input: inputs.CreateRiskInput
    ) -> RiskResult:
        async def action() -> RiskSaved:
            risk = await risks.create_risk(
                info.context.principal,
                input_id(input.customer_id, "Customer", "customerId"),
                _risk_fields(input),
            )
            return await _risk_saved(risk)

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def update_risk(
        self, info: Info[Context, Any], input: inputs.UpdateRiskInput
    ) -> RiskResult:
        async def action() -> RiskSaved:
            risk = await risks.update_risk(
                info.context.principal,
                input_id(input.risk_id, "Risk", "riskId"),
                input.lock_version,
                _risk_fields(input),
            )
            return await _risk_saved(risk)

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def close_risk(
        self, info: Info[Context, Any], input: inputs.CloseRiskInput
    ) -> RiskResult:
        async def action() -> RiskSaved:
            risk = await risks.close_risk(
                info.context.principal,
                input_id(input.risk_id, "Risk", "riskId"),
                input.lock_version,
                input.note,
            )
            return await _risk_saved(risk)

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def log_communication(
        self, info: Info[Context, Any], input: inputs.LogCommunicationInput
    ) -> LogCommunicationResult:
        async def action() -> CommunicationLogged:
            follow_ups = [
                communications.FollowUpInput(
                    description=f.description,
                    owner_id=input_id(f.owner_id, "User", "followUps", index, "ownerId")
                    if f.owner_id
                    else None,
                    due_on=f.due_on,
                )
                for index, f in enumerate(input.follow_ups)
            ]
            logged = await communications.log_communication(
                info.context.principal,
                input_id(input.customer_id, "Customer", "customerId"),
                communications.CommunicationInput(
                    channel=input.channel,
                    occurred_at=input.occurred_at,
                    summary=input.summary,
                    participants=list(input.participants),
                    follow_ups=follow_ups,
                    task_id=input_id(input.task_id, "CommunicationTask", "taskId")
                    if input.task_id
                    else None,
                ),
            )
            return CommunicationLogged(communication=CommunicationNode(model=logged))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def complete_follow_up(
        self, info: Info[Context, Any], input: inputs.CompleteFollowUpInput
    ) -> CompleteFollowUpResult:
        async def action() -> FollowUpCompleted:
            done = await communications.complete_follow_up(
                info.context.principal, input_id(input.follow_up_id, "FollowUp", "followUpId")
            )
            return FollowUpCompleted(follow_up=FollowUpType(model=done))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def save_communication_plan(
        self, info: Info[Context, Any], input: inputs.SaveCommunicationPlanInput
    ) -> CommunicationPlanResult:
        async def action() -> CommunicationPlanSaved:
            plan = await communications.save_plan(
                info.context.principal,
                input_id(input.customer_id, "Customer", "customerId")
                if input.customer_id
                else None,
                communications.PlanInput(
                    title=input.title,
                    channel=input.channel,
                    rrule=input.rrule,
                    starts_on=input.starts_on,
                    owner_id=input_id(input.owner_id, "User", "ownerId"),
                    lead_days=input.lead_days,
                    active=input.active,
                    target_tiers=[tier.value for tier in input.tiers],
                    target_regions=list(input.regions),
                    target_tags=list(input.tags),
                ),
                plan_id=input_id(input.plan_id, "CommunicationPlan", "planId")
                if input.plan_id
                else None,
            )
            return CommunicationPlanSaved(plan=CommunicationPlanNode(model=plan))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_CASEWORK))
    async def deactivate_communication_plan(
        self, info: Info[Context, Any], input: inputs.DeactivateCommunicationPlanInput
    ) -> CommunicationPlanResult:
        async def action() -> CommunicationPlanSaved:
            plan = await communications.deactivate_plan(
                info.context.principal, input_id(input.plan_id, "CommunicationPlan", "planId")
            )
            return CommunicationPlanSaved(plan=CommunicationPlanNode(model=plan))

        return await run_mutation(info, action, "input")


__all__ = ["CustomerMutations"]

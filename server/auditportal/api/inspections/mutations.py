"""Write fields of inspection plans: create, update, deactivate, schedule now."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import Conflict, NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.inspections.inputs import (
    CreateInspectionPlanInput,
    DeactivateInspectionPlanInput,
    ScheduleInspectionsNowInput,
    UpdateInspectionPlanInput,
)
from auditportal.api.inspections.types import InspectionPlanNode
from auditportal.api.jobs.types import JobRunNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.auth.policy import Permission
from auditportal.inspections import service


@strawberry.type
class InspectionPlanSaved:
    plan: InspectionPlanNode


@strawberry.type(description="A scheduling pass was requested; watch it with jobRun.")
class SchedulingRequested:
    run: JobRunNode


SaveInspectionPlanResult = Annotated[
    InspectionPlanSaved | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("SaveInspectionPlanResult"),
]
ScheduleInspectionsNowResult = Annotated[
    SchedulingRequested | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("ScheduleInspectionsNowResult"),
]


@strawberry.type
class InspectionMutations:
    @strawberry.mutation(
        description="A new plan; its first scheduling pass is requested at once.",
        extensions=requires(Permission.PLANS_MANAGE),
    )
    async def create_inspection_plan(
        self, info: Info[Context, Any], input: CreateInspectionPlanInput
    ) -> SaveInspectionPlanResult:
        async def action() -> InspectionPlanSaved:
            plan = await service.create_plan(
                info.context.principal,
                input.plan.to_spec("plan"),
                path=("plan",),
                settings=info.context.settings,
            )
            return InspectionPlanSaved(plan=InspectionPlanNode(model=plan))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Replace a plan's design. A schedule change drops unopened inspections "
        "that would open after today; the next pass plans them anew.",
        extensions=requires(Permission.PLANS_MANAGE),
    )
    async def update_inspection_plan(
        self, info: Info[Context, Any], input: UpdateInspectionPlanInput
    ) -> SaveInspectionPlanResult:
        async def action() -> InspectionPlanSaved:
            plan = await service.update_plan(
                info.context.principal,
                input_id(input.plan_id, "InspectionPlan", "planId"),
                input.plan.to_spec("plan"),
                expected_lock_version=input.expected_lock_version,
                path=("plan",),
                settings=info.context.settings,
            )
            return InspectionPlanSaved(plan=InspectionPlanNode(model=plan))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Stop a plan: unopened inspections are cancelled, opened ones go on.",
        extensions=requires(Permission.PLANS_MANAGE),
    )
    async def deactivate_inspection_plan(
        self, info: Info[Context, Any], input: DeactivateInspectionPlanInput
    ) -> SaveInspectionPlanResult:
        async def action() -> InspectionPlanSaved:
            plan = await service.deactivate_plan(
                info.context.principal,
                input_id(input.plan_id, "InspectionPlan", "planId"),
                expected_lock_version=input.expected_lock_version,
            )
            return InspectionPlanSaved(plan=InspectionPlanNode(model=plan))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Request a scheduling pass of one plan now (a worker runs it).",
        extensions=requires(Permission.PLANS_MANAGE),
    )
    async def schedule_inspections_now(
        self, info: Info[Context, Any], input: ScheduleInspectionsNowInput
    ) -> ScheduleInspectionsNowResult:
        async def action() -> SchedulingRequested:
            plan_id = input_id(input.plan_id, "InspectionPlan", "planId")
            run = await service.request_scheduling(info.context.principal, plan_id)
            return SchedulingRequested(run=JobRunNode(model=run))

        return await run_mutation(info, action, "input")

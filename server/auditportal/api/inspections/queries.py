"""Read fields of inspection plans and scheduled inspections.

Who sees scheduled inspections: PLANS_READ (administrators, managers, auditors), over the
internal customer scope, i.e. every customer for staff. Auditors see the whole calendar,
not only their own rows: they plan around each other's visits and stand in for one
another; ``mine: true`` narrows the list to the caller's own.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import ValidationFailed, as_result
from auditportal.api.inspections.inputs import (
    InspectionPlanPreviewInput,
    ScheduledInspectionFilter,
)
from auditportal.api.inspections.types import (
    InspectionPlanNode,
    InspectionPlanPreview,
    PreviewOccurrence,
    ScheduledInspectionNode,
    TierPreview,
    tier_or_none,
)
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.auth.policy import Permission
from auditportal.errors import DomainError, FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.holidays.service import working_calendar
from auditportal.inspections import queries, reads, scheduler
from auditportal.inspections.models import ALL_TIERS
from auditportal.inspections.service import MAX_LEAD_DAYS, PlanSpec, check_recurrences

PreviewResult = Annotated[
    InspectionPlanPreview | ValidationFailed,
    strawberry.union("InspectionPlanPreviewResult"),
]


@strawberry.type
class InspectionQueries:
    @strawberry.field(extensions=requires(Permission.PLANS_READ))
    async def inspection_plans(
        self, info: Info[Context, Any], include_inactive: bool = False
    ) -> list[InspectionPlanNode]:
        found = await reads.plans(info.context.principal, include_inactive=include_inactive)
        return [InspectionPlanNode(model=plan) for plan in found]

    @strawberry.field(extensions=requires(Permission.PLANS_READ))
    async def inspection_plan(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> InspectionPlanNode | None:
        found = await reads.plan(info.context.principal, from_global_id(id, "InspectionPlan"))
        return InspectionPlanNode(model=found) if found else None

    @strawberry.field(
        description="Scheduled inspections by due date: staff see every customer's.",
        extensions=requires(Permission.PLANS_READ),
    )
    async def scheduled_inspections(
        self,
        info: Info[Context, Any],
        filter: ScheduledInspectionFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ScheduledInspectionNode]:
        chosen = filter or ScheduledInspectionFilter()
        principal = info.context.principal
        assignee = from_global_id(chosen.assignee_id, "User") if chosen.assignee_id else None
        if chosen.mine:
            assignee = principal.user_id
        found = await reads.list_inspections(
            principal,
            queries.InspectionFilter(
                plan_id=from_global_id(chosen.plan_id, "InspectionPlan")
                if chosen.plan_id
                else None,
                customer_id=from_global_id(chosen.customer_id, "Customer")
                if chosen.customer_id
                else None,
                statuses=tuple(chosen.status or ()),
                due_from=chosen.due_from,
                due_to=chosen.due_to,
                assignee_id=assignee,
            ),
            page_request(info, first, after),
        )
        return connection_from_page(found, lambda row: ScheduledInspectionNode(model=row))

    @strawberry.field(
        description="The next occurrences per tier, for the plan designer; nothing is stored.",
        extensions=requires(Permission.PLANS_READ),
    )
    async def preview_inspection_plan(
        self, info: Info[Context, Any], input: InspectionPlanPreviewInput
    ) -> PreviewResult:
        spec = PlanSpec(
            name={},
            form_key="",
            workflow_key="",
            recurrences=[
                (r.tier.value if r.tier else ALL_TIERS, r.rule) for r in input.recurrences
            ],
            starts_on=input.starts_on,
        )
        try:
            issues = check_recurrences(spec, ("input", "recurrences"))
            if not 0 <= input.lead_days <= MAX_LEAD_DAYS:
                # The same bound as a saved plan's: a preview computes the same dates.
                issues.append(
                    FieldIssue(
                        ("input", "leadDays"),
                        "inspection.out_of_range",
                        {"min": 0, "max": MAX_LEAD_DAYS},
                    )
                )
            if not 1 <= input.count <= 50:
                issues.append(
                    FieldIssue(("input", "count"), "inspection.out_of_range", {"min": 1, "max": 50})
                )
            if issues:
                raise DomainValidationFailed("error.invalid_input", issues, count=len(issues))
        except DomainError as error:
            result = as_result(error, info.context)
            assert isinstance(result, ValidationFailed)
            return result
        tiers = scheduler.preview(
            spec.recurrences,
            input.starts_on,
            lead_days=input.lead_days,
            shift_to_workday=input.shift_to_workday,
            count=input.count,
            today=scheduler.local_today(info.context.settings),
            working=await working_calendar(info.context.settings),
        )
        return InspectionPlanPreview(
            tiers=[
                TierPreview(
                    tier=tier_or_none(tier),
                    rule=rule,
                    occurrences=[
                        PreviewOccurrence(
                            period=row.period,
                            due_on=row.due_on,
                            opens_on=row.opens_on,
                            shifted=row.due_on != row.period,
                        )
                        for row in rows
                    ],
                )
                for tier, rule, rows in tiers
            ]
        )

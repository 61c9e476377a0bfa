"""Read fields of verification by sampling: thin calls into the service."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.policy import requires
from auditportal.api.relay import to_global_id
from auditportal.api.verification.types import (
    AccuracyDimension,
    AccuracyRate,
    Verification,
    VerificationDraw,
    VerificationPlan,
    Verifier,
)
from auditportal.auth.policy import Permission
from auditportal.errors import DomainError
from auditportal.verification import queries, service
from auditportal.verification.models import VerificationStatus


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


@strawberry.type
class VerificationQueries:
    @strawberry.field(
        description="Verification plans (admins and managers).",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def verification_plans(self, info: Info[Context, Any]) -> list[VerificationPlan]:
        return [VerificationPlan(model=row) for row in await service.plans(info.context.principal)]

    @strawberry.field(
        description="Who may be named a verifier or given a verification: active auditors "
        "and managers, by name.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def verification_verifiers(self, info: Info[Context, Any]) -> list[Verifier]:
        rows = await service.verifiers(info.context.principal)
        return [
            Verifier(id=to_global_id("User", user_id), name=name, role=role.value, team=team)
            for user_id, role, team, name in rows
        ]

    @strawberry.field(
        description="The draws of a plan, newest period first.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def verification_draws(
        self, info: Info[Context, Any], plan_id: strawberry.ID
    ) -> list[VerificationDraw]:
        found = _uuid(plan_id)
        if found is None:
            return []
        rows = await service.draws(info.context.principal, found)
        return [VerificationDraw(model=row) for row in rows]

    @strawberry.field(
        description="The sampled submissions of one draw.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def verification_draw_items(
        self, info: Info[Context, Any], draw_id: strawberry.ID
    ) -> list[Verification]:
        found = _uuid(draw_id)
        if found is None:
            return []
        rows = await service.draw_items(info.context.principal, found)
        return [Verification(model=row) for row in rows]

    @strawberry.field(
        description="The sampled submissions you are to verify, or verified.",
        extensions=requires(Permission.VERIFICATION_PERFORM),
    )
    async def my_verifications(
        self,
        info: Info[Context, Any],
        status: VerificationStatus | None = None,
        first: int = 100,
    ) -> list[Verification]:
        rows = await service.my_verifications(
            info.context.principal,
            status=None if status is None else status,
            limit=first,
        )
        return [Verification(model=row) for row in rows]

    @strawberry.field(
        description="One verification by id; null when missing or not yours.",
        extensions=requires(Permission.VERIFICATION_PERFORM),
    )
    async def verification(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> Verification | None:
        found = _uuid(id)
        if found is None:
            return None
        try:
            return Verification(model=await service.verification(info.context.principal, found))
        except DomainError:
            return None

    @strawberry.field(
        description="Data accuracy rates (verified fields without discrepancy / verified "
        "fields) grouped by form, auditor, tier or period, with a Wilson 95 % interval.",
        extensions=requires(Permission.VERIFICATION_READ),
    )
    async def verification_accuracy(
        self,
        info: Info[Context, Any],
        by: AccuracyDimension,
        period: str | None = None,
        plan_id: strawberry.ID | None = None,
    ) -> list[AccuracyRate]:
        plan = _uuid(plan_id) if plan_id else None
        rows = await service.accuracy(
            info.context.principal, by.value, period=period or None, plan_id=plan
        )
        names = await queries.labels(by.value, [row.key for row in rows], info.context.language)
        return [AccuracyRate.of(row, names.get(row.key, row.key)) for row in rows]

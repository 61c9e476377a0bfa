"""Every read of reports. Reports are customer-owned data: the submissions' row scope."""

from __future__ import annotations

from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.reports.models import Report


def _scoped(scope: RowScope) -> QuerySet[Report]:
    query = Report.all()
    if scope.everything:
        return query
    if scope.nothing or not scope.customer_ids:
        return query.filter(id__in=[])
    query = query.filter(customer_id__in=list(scope.customer_ids))
    if scope.form_ids:
        # A grant naming forms opens only the cases of submissions to those forms.
        query = query.filter(
            Q(instance__submission__form_id__in=list(scope.form_ids)),
        )
    return query


async def reports_of_instance(scope: RowScope, instance_id: UUID) -> list[Report]:
    return list(
        await _scoped(scope).filter(instance_id=instance_id).order_by("-created_at", "language")
    )


async def visible_report(scope: RowScope, report_id: UUID) -> Report | None:
    return await _scoped(scope).filter(id=report_id).first()

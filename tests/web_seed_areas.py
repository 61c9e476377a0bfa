"""Register records for the web areas' browser tests (customer pages, heat map).

Called from ``tests.web_seed``: customer B gets two open risks, a logged visit and a credit
assessment, written through the services (with their audit events), so the customer page has
something real to show in every section.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from auditportal.auth.principal import Principal
from auditportal.customers import communications, credit, risks
from auditportal.customers.models import Customer
from auditportal.customers.register_models import Channel, RiskCategory
from auditportal.workflows.models import WorkflowInstance


async def seed_register(system: Principal, customer: Customer) -> None:
    await risks.create_risk(
        system,
        customer.id,
        risks.RiskFields(
            category=RiskCategory.PAYMENT,
            title="回款逾期 60 天",
            description="两笔货款逾期未付。",
            likelihood=4,
            impact=4,
        ),
    )
    await risks.create_risk(
        system,
        customer.id,
        risks.RiskFields(
            category=RiskCategory.COMPLIANCE,
            title="环保许可证即将到期",
            description="许可证下月到期。",
            likelihood=2,
            impact=3,
        ),
    )
    await communications.log_communication(
        system,
        customer.id,
        communications.CommunicationInput(
            channel=Channel.VISIT,
            occurred_at=datetime.now(UTC) - timedelta(days=2),
            summary="现场拜访财务负责人，确认回款计划。",
            participants=["王稽核"],
        ),
    )
    await credit.record_credit(system, customer.id, grade="BBB", credit_limit=Decimal("500000"))


async def seed_review(customer: Customer) -> None:
    """Put the customer's opened inspection where a manager reviews it, a day overdue.

    Reaching "submitted" through the engine needs a filled checklist; the seed only needs the
    state, so it sets it (and an entered time and due date in the past) directly.
    """
    now = datetime.now(UTC)
    instance = await WorkflowInstance.filter(customer_id=customer.id, closed_at=None).first()
    if instance is None:
        return
    instance.state = "submitted"
    instance.state_entered_at = now - timedelta(days=2)
    instance.due_at = now - timedelta(days=1)
    await instance.save(update_fields=["state", "state_entered_at", "due_at"])

"""Seed data for the web portal's browser tests (web/e2e), on a migrated and loaded database.

Run as ``python -m tests.web_seed`` with the server's AUDITPORTAL_* environment; prints the
accounts as JSON for the suite. Uses the services, as an installer would, so the browser sees
what a real organisation would have: two customers, one user per role, a consultant granted
customer A only, and this week's inspections opened for the auditor.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import Tortoise

from auditportal.audit.service import use_chain_key
from auditportal.auth.grants import grant_access
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.customers.models import AccountAuditor, Customer, CustomerTier
from auditportal.db import tortoise_config
from auditportal.inspections import scheduler, service
from auditportal.inspections.models import AssignmentRule
from auditportal.keystore import load_audit_chain_key
from auditportal.settings import Settings
from tests.web_seed_areas import seed_register, seed_review

PASSWORD = "e2e-Passw0rd-2026"
SYSTEM = system_principal("e2e-seed")


async def seed(settings: Settings) -> dict[str, Any]:
    a = await Customer.create(
        code="E2E-A", name="华东精密制造有限公司", tier=CustomerTier.KEY, region="华东"
    )
    b = await Customer.create(
        code="E2E-B", name="北方物流集团", tier=CustomerTier.KEY, region="华北"
    )
    users: dict[str, Any] = {}
    for username, role, display, customer in (
        ("admin", Role.ADMIN, "系统管理员", None),
        ("auditor", Role.AUDITOR, "王稽核", None),
        ("manager", Role.MANAGER, "李经理", None),
        ("customer", Role.CUSTOMER, "张客户", a),
        ("consultant", Role.CONSULTANT, "赵顾问", None),
    ):
        user = await create_user(
            SYSTEM,
            username=username,
            role=role,
            display_name=display,
            password=PASSWORD,
            customer_id=customer.id if customer else None,
        )
        users[username] = user
    for customer in (a, b):
        await AccountAuditor.create(customer_id=customer.id, auditor_id=users["auditor"].id)
    await grant_access(
        SYSTEM,
        consultant_id=users["consultant"].id,
        customer_ids=[a.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=30),
        reason="e2e",
    )
    today = scheduler.local_today(settings)
    plan = await service.create_plan(
        SYSTEM,
        service.PlanSpec(
            name={"zh-CN": "季度合规检查", "en": "Quarterly compliance inspection"},
            form_key="customer-compliance-inspection",
            workflow_key="inspection",
            recurrences=[("key", "FREQ=WEEKLY")],
            starts_on=today,
            lead_days=3,
            horizon_days=6,
            shift_to_workday=False,
            assignment=AssignmentRule.ACCOUNT_AUDITOR,
        ),
        settings=settings,
    )
    await scheduler.materialise(plan, today, settings=settings)
    await scheduler.open_due(plan, today, settings=settings)
    # After the plan: the register's reclassification must not change who gets inspected.
    await seed_register(SYSTEM, b)
    await seed_review(b)
    return {
        "password": PASSWORD,
        "users": {name: str(user.id) for name, user in users.items()},
        "customers": {"A": {"code": a.code, "name": a.name}, "B": {"code": b.code, "name": b.name}},
    }


async def _main() -> None:
    settings = Settings()
    # An entry point like the CLI: the audit chain key is installed before anything records.
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings))
    try:
        print(json.dumps(await seed(settings), ensure_ascii=False))
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(_main())

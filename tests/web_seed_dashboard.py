"""Records of the dashboard's browser test (web/e2e/dashboard.spec.ts), idempotent.

Run as ``python -m tests.web_seed_dashboard`` with the e2e server's AUDITPORTAL_* environment
(the spec's beforeAll does). Everything lives in a region of its own (``REGION``) so that the
spec, filtered by that region, sees only these figures whatever the other specs write:

customers  D1 key (grade A), D2 normal (grade B), both in REGION
inspections due (days before today): 10 done, 20 done, 30 done, 5 opened, 15 planned
  -> completion 3 / 5 = 60.0 %; open 2, both overdue, all assigned to the dashboard auditor
submissions: 3 findings and 1 finding -> 2.00 findings per submission
Prints the period, region and auditor as JSON.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise import Tortoise

from auditportal.audit.service import use_chain_key
from auditportal.auth.models import User
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.customers.models import Customer, CustomerTier
from auditportal.db import tortoise_config
from auditportal.forms.models import FormVersion, Submission
from auditportal.inspections import scheduler
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    ScheduledInspection,
)
from auditportal.keystore import load_audit_chain_key
from auditportal.settings import Settings

SYSTEM = system_principal("e2e-seed-dashboard")
REGION = "看板测试区"
AUDITOR = "dash-auditor"
AUDITOR_NAME = "陈看板"


async def seed(settings: Settings) -> dict[str, Any]:
    today = scheduler.local_today(settings)
    start = today - timedelta(days=45)
    auditor = await User.get_or_none(username=AUDITOR)
    if auditor is None:
        auditor = await create_user(
            SYSTEM, username=AUDITOR, role=Role.AUDITOR, display_name=AUDITOR_NAME
        )
    result = {"from": start.isoformat(), "to": today.isoformat(), "region": REGION}
    if await Customer.exists(code="DASH-1"):
        return result
    d1 = await Customer.create(
        code="DASH-1", name="看板一号客户", tier=CustomerTier.KEY, region=REGION, credit_grade="A"
    )
    d2 = await Customer.create(
        code="DASH-2",
        name="看板二号客户",
        tier=CustomerTier.NORMAL,
        region=REGION,
        credit_grade="B",
    )
    plan = await InspectionPlan.create(
        name={"zh-CN": "看板巡检", "en": "Dashboard round"},
        form_key="customer-compliance-inspection",
        workflow_key="inspection",
        starts_on=start,
        effective_from=start,
        assignment=AssignmentRule.ACCOUNT_AUDITOR,
        active=False,
    )
    rows: list[tuple[Customer, int, InspectionStatus]] = [
        (d1, 10, InspectionStatus.DONE),
        (d1, 20, InspectionStatus.DONE),
        (d2, 30, InspectionStatus.DONE),
        (d1, 5, InspectionStatus.OPENED),
        (d2, 15, InspectionStatus.PLANNED),
    ]
    for customer, days, status in rows:
        due: date = today - timedelta(days=days)
        await ScheduledInspection.create(
            plan=plan,
            customer_id=customer.id,
            period=f"dash-{days}",
            tier=customer.tier.value,
            due_on=due,
            opens_on=due - timedelta(days=7),
            status=status,
            assignee_id=auditor.id,
        )
    version = await FormVersion.filter(form__category="inspection_checklist").first()
    assert version is not None, "run `auditportal load` first"
    for customer, days, findings in ((d1, 12, 3), (d2, 25, 1)):
        at = datetime.combine(today - timedelta(days=days), time(9), UTC)
        await Submission.create(
            form_id=version.form_id,
            form_version_id=version.id,
            customer_id=customer.id,
            submitted_by_id=auditor.id,
            submitted_at=at,
            language="zh-CN",
            answers={},
            findings=[{"severity": "high", "title": {"zh-CN": "看板问题", "en": "Finding"}}]
            * findings,
            finding_count=findings,
            request_hash=f"dash-{uuid.uuid4()}",
        )
    return result


async def _main() -> None:
    settings = Settings()
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings))
    try:
        print(json.dumps(await seed(settings), ensure_ascii=False))
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(_main())

"""Steps the inspection tests share: the built-in form and workflow, customers, a plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from auditportal.auth.principal import Principal, system_principal
from auditportal.customers.models import AccountAuditor, Customer, CustomerTier
from auditportal.forms.loader import load_form_directory
from auditportal.inspections import service
from auditportal.inspections.models import AssignmentRule, InspectionPlan
from auditportal.inspections.scheduler import local_today
from auditportal.workflows.definitions import load_directory
from tests.conftest import REPO_ROOT, SETTINGS

SYSTEM: Principal = system_principal("tests")
FORM_KEY = "customer-compliance-inspection"
WORKFLOW_KEY = "inspection"


async def load_builtins() -> None:
    """The shipped forms and workflows, as `auditportal load` publishes them."""
    await load_form_directory(SYSTEM, REPO_ROOT / "forms", SETTINGS)
    await load_directory(SYSTEM, REPO_ROOT / "workflows", SETTINGS)


async def customers(
    count: int, tier: CustomerTier, *, prefix: str, region: str | None = None
) -> list[Customer]:
    rows = [
        Customer(code=f"{prefix}-{i:06d}", name=f"{prefix} {i}", tier=tier, region=region)
        for i in range(count)
    ]
    await Customer.bulk_create(rows, batch_size=1000)
    return list(await Customer.filter(code__startswith=f"{prefix}-").order_by("code"))


async def give_account_auditor(customer: Customer, auditor_id: Any) -> None:
    await AccountAuditor.create(customer_id=customer.id, auditor_id=auditor_id)


def spec(**overrides: Any) -> service.PlanSpec:
    values: dict[str, Any] = {
        "name": {"zh-CN": "季度合规检查", "en": "Quarterly compliance inspection"},
        "form_key": FORM_KEY,
        "workflow_key": WORKFLOW_KEY,
        # From tomorrow to 28 days ahead: key 4, normal 1, high risk 10; with no lead
        # time nothing opens today.
        "recurrences": [
            ("key", "FREQ=WEEKLY"),
            ("normal", "FREQ=MONTHLY"),
            ("high_risk", "FREQ=DAILY;INTERVAL=3"),
        ],
        "starts_on": local_today(SETTINGS) + timedelta(days=1),
        "lead_days": 0,
        "horizon_days": 28,
        "shift_to_workday": False,
        "assignment": AssignmentRule.ACCOUNT_AUDITOR,
    }
    values.update(overrides)
    return service.PlanSpec(**values)


PER_TIER = {"key": 4, "normal": 1, "high_risk": 10}


async def plan(**overrides: Any) -> InspectionPlan:
    return await service.create_plan(SYSTEM, spec(**overrides), settings=SETTINGS)


def today() -> date:
    return local_today(SETTINGS)

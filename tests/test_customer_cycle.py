"""The parts of the register working together: an import feeds classification, a tier
change re-plans inspections, and every step is a job run admins can see."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.customers.models import Customer
from auditportal.inspections.models import InspectionStatus, ScheduledInspection
from auditportal.jobs.embedded import drain
from tests.conftest import SETTINGS, Api
from tests.import_support import commit, csv_bytes, dry_run, uploaded
from tests.inspection_factories import PER_TIER, load_builtins, plan

HEADERS = ["客户编码", "客户名称", "地区", "年交易额", "信用等级"]
OVERRIDE = """
mutation($input: OverrideCustomerTierInput!) {
  overrideCustomerTier(input: $input) {
    __typename
    ... on CustomerSaved { customer { tier tierSource } }
  }
}
"""
SCHEDULE_NOW = """
mutation($input: ScheduleInspectionsNowInput!) {
  scheduleInspectionsNow(input: $input) { __typename ... on SchedulingRequested { run { id } } }
}
"""
RUNS = """
{ jobRuns(first: 50) { nodes { name status attempts } } }
"""


async def planned_tiers(code: str) -> Counter[str]:
    customer = await Customer.get(code=code)
    rows = await ScheduledInspection.filter(
        customer_id=customer.id, status=InspectionStatus.PLANNED
    ).values_list("tier", flat=True)
    return Counter(str(tier) for tier in rows)


async def test_an_import_classifies_and_a_tier_change_replans(api: Api) -> None:
    admin = await api.user("admin")
    await load_builtins()
    inspection_plan = await plan()
    plan_id = to_global_id("InspectionPlan", inspection_plan.id)

    # 1. A CRM export: one very large customer, one ordinary one.
    rows: list[list[Any]] = [
        HEADERS,
        ["BIG-001", "华东能源集团", "上海", "50000000", "AA"],
        ["SMALL-001", "小型贸易公司", "杭州", "80000", "BBB"],
    ]
    record = await uploaded(api, admin, csv_bytes(rows))
    assert (await dry_run(admin, record["id"]))["counts"]["created"] == 2
    assert (await commit(admin, record["id"]))["status"] == "COMMITTED"
    # The commit asked for a reclassification of what it touched; running the queue
    # applies the default rules (a large yearly volume makes a key customer).
    await drain(SETTINGS)
    big = await Customer.get(code="BIG-001")
    small = await Customer.get(code="SMALL-001")
    assert (big.tier, small.tier) == ("key", "normal")

    # 2. The plan's first pass: each customer on its tier's cadence.
    requested = await admin.data(SCHEDULE_NOW, {"input": {"planId": plan_id}})
    assert requested["scheduleInspectionsNow"]["__typename"] == "SchedulingRequested", requested
    await drain(SETTINGS)
    assert await planned_tiers("BIG-001") == Counter({"key": PER_TIER["key"]})
    assert await planned_tiers("SMALL-001") == Counter({"normal": PER_TIER["normal"]})

    # 3. A manager marks the small customer high risk: its future inspections follow.
    overridden = await admin.data(
        OVERRIDE,
        {
            "input": {
                "customerId": to_global_id("Customer", small.id),
                "tier": "HIGH_RISK",
                "reason": "多次投诉，付款逾期 / repeated complaints, late payments",
                "expiresAt": (datetime.now(UTC) + timedelta(days=90)).isoformat(),
            }
        },
    )
    assert overridden["overrideCustomerTier"]["customer"] == {
        "tier": "HIGH_RISK",
        "tierSource": "OVERRIDE",
    }
    await drain(SETTINGS)
    assert await planned_tiers("SMALL-001") == Counter({"high_risk": PER_TIER["high_risk"]})
    assert await planned_tiers("BIG-001") == Counter({"key": PER_TIER["key"]})

    # Every step was a job run, visible to the admin, each finished once.
    runs = (await admin.data(RUNS))["jobRuns"]["nodes"]
    finished = Counter(
        (run["name"], run["status"]) for run in runs if not run["name"].startswith("tests.")
    )
    for name in (
        "run_customer_import",
        "reclassify_customers",
        "schedule_inspections",
        "replan_customer_inspections",
    ):
        assert finished[(name, "SUCCEEDED")] >= 1, runs
    assert not [run for run in runs if run["status"] == "FAILED"], runs

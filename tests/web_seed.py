"""Seed data for the web portal's browser tests (web/e2e), on a migrated and loaded database.

Run as ``python -m tests.web_seed`` with the server's AUDITPORTAL_* environment; prints the
accounts as JSON for the suite. Uses the services, as an installer would, so the browser sees
what a real organisation would have: two customers, one user per role, a consultant granted
customer A only, and this week's inspections opened for the auditor; once for the default
scope and once for each spec that changes what another would see (``SCOPES``), so that no
spec depends on the order in which the others run.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import Tortoise

from auditportal.audit.service import use_chain_key
from auditportal.auth.grants import grant_access
from auditportal.auth.passwords import hash_password
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.customers.models import AccountAuditor, Customer, CustomerTier
from auditportal.db import tortoise_config
from auditportal.inspections import scheduler, service
from auditportal.inspections.models import AssignmentRule
from auditportal.keystore import load_audit_chain_key
from auditportal.settings import Settings
from tests import web_seed_chain
from tests.web_seed_areas import seed_register, seed_review
from tests.web_seed_case_page import seed_case_page

PASSWORD = "e2e-Passw0rd-2026"
SYSTEM = system_principal("e2e-seed")


# Specs that would otherwise see each other's work (one moves a case another reviews, one adds
# items to My work, one counts notifications) each get a scope of their own: two customers,
# one user per role and the consultant's grant, under names no other scope shares. The default
# scope ("") keeps the plain usernames (admin, auditor, ...) for the specs that only read.
SCOPES: dict[str, tuple[tuple[str, str], tuple[str, str], str]] = {
    # scope: ((A's name, region), (B's name, region), the people's surname)
    "": (("华东精密制造有限公司", "华东"), ("北方物流集团", "华北"), "王"),
    "auditor": (("江南纺织股份有限公司", "华东"), ("西部能源有限公司", "西北"), "陈"),
    "drafts": (("岭南食品有限公司", "华南"), ("中原重工集团", "华中"), "刘"),
    "review": (("东海船舶有限公司", "华东"), ("塞北农牧集团", "华北"), "杨"),
    "shell": (("华南电子科技有限公司", "华南"), ("蜀中医药有限公司", "西南"), "黄"),
    "evidence": (("滨海化工有限公司", "华北"), ("云岭茶业集团", "西南"), "周"),
    "reports": (("湘江建材有限公司", "华中"), ("辽河石化集团", "东北"), "吴"),
    "case-page": (("临港仓储有限公司", "华东"), ("黔南矿业集团", "西南"), "孙"),
    web_seed_chain.SCOPE: web_seed_chain.NAMES,
}
# Scopes whose customers are key customers (the others are standard).
KEY_SCOPES = ("", web_seed_chain.SCOPE)
ROLES = (
    ("admin", Role.ADMIN, "管理员"),
    ("auditor", Role.AUDITOR, "稽核"),
    ("manager", Role.MANAGER, "经理"),
    ("customer", Role.CUSTOMER, "客户"),
    ("consultant", Role.CONSULTANT, "顾问"),
)
# The default scope's people, as the first specs knew them.
DEFAULT_NAMES = {
    "admin": "系统管理员",
    "auditor": "王稽核",
    "manager": "李经理",
    "customer": "张客户",
    "consultant": "赵顾问",
}


async def _seed_scope(scope: str, password_hash: str) -> dict[str, Any]:
    (a_name, a_region), (b_name, b_region), surname = SCOPES[scope]
    prefix = f"E2E-{scope.upper()}-" if scope else "E2E-"
    # The default scope's customers are key customers (the plans spec's new plan is for key
    # customers); the others are standard, so no plan a spec creates reaches their work.
    tier = CustomerTier.KEY if scope in KEY_SCOPES else CustomerTier.NORMAL
    a = await Customer.create(code=f"{prefix}A", name=a_name, tier=tier, region=a_region)
    b = await Customer.create(code=f"{prefix}B", name=b_name, tier=tier, region=b_region)
    users: dict[str, Any] = {}
    names: dict[str, str] = {}
    for role_key, role, title in ROLES:
        username = f"{scope}-{role_key}" if scope else role_key
        display = DEFAULT_NAMES[role_key] if not scope else f"{surname}{title}"
        customer = a if role is Role.CUSTOMER else None
        users[role_key] = await create_user(
            SYSTEM,
            username=username,
            role=role,
            display_name=display,
            customer_id=customer.id if customer else None,
        )
        # One argon2 hash for every account (hashing is the slow part of the seed).
        users[role_key].password_hash = password_hash
        users[role_key].password_changed_at = datetime.now(UTC)
        await users[role_key].save(update_fields=["password_hash", "password_changed_at"])
        names[role_key] = display
    for customer in (a, b):
        await AccountAuditor.create(customer_id=customer.id, auditor_id=users["auditor"].id)
    await grant_access(
        SYSTEM,
        consultant_id=users["consultant"].id,
        customer_ids=[a.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=30),
        reason=f"e2e {scope or 'default'}",
    )
    return {
        "a": a,
        "b": b,
        "users": users,
        "out": {
            "password": PASSWORD,
            "logins": {key: user.username for key, user in users.items()},
            "names": names,
            "users": {key: str(user.id) for key, user in users.items()},
            "customers": {
                "A": {"code": a.code, "name": a.name},
                "B": {"code": b.code, "name": b.name},
            },
        },
    }


async def seed(settings: Settings) -> dict[str, Any]:
    password_hash = await asyncio.to_thread(hash_password, PASSWORD)
    scopes = {scope: await _seed_scope(scope, password_hash) for scope in SCOPES}
    chain = scopes[web_seed_chain.SCOPE]
    await web_seed_chain.make_key_customers(chain["a"], chain["b"])
    today = scheduler.local_today(settings)
    plan = await service.create_plan(
        SYSTEM,
        service.PlanSpec(
            name={"zh-CN": "季度合规检查", "en": "Quarterly compliance inspection"},
            form_key="customer-compliance-inspection",
            workflow_key="inspection",
            recurrences=[("key", "FREQ=WEEKLY"), ("normal", "FREQ=WEEKLY")],
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
    default = scopes[""]
    await seed_register(SYSTEM, default["b"])
    await seed_review(default["b"])
    await seed_review(scopes["review"]["b"])
    case_page = scopes["case-page"]
    case_page["out"]["casePage"] = await seed_case_page(
        case_page["users"]["auditor"], case_page["a"], settings
    )
    out = dict(default["out"])
    out["scopes"] = {scope: data["out"] for scope, data in scopes.items() if scope}
    out["scopes"][web_seed_chain.SCOPE]["secondManager"] = await web_seed_chain.seed_second_manager(
        SYSTEM, password_hash
    )
    return out


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
